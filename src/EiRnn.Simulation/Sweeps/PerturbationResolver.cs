using System.Globalization;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Core.Random;

namespace EiRnn.Simulation.Sweeps;

/// <summary>
/// Turns a <see cref="PerturbationSpec"/> into concrete <see cref="ResolvedPerturbation"/>s for one network
/// and task: expands list-valued parameters (Cartesian product), resolves populations to unit indices and
/// validates every field against the network and the task's trial, naming the field on error.
/// </summary>
public sealed class PerturbationResolver(NetworkSpec network, IReadOnlyList<string> periodNames, double trialDurationMs)
{
    public IReadOnlyList<ResolvedPerturbation> Expand(PerturbationSpec spec, string field)
    {
        if (string.IsNullOrWhiteSpace(spec.Id) || spec.Id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            throw new ConfigException($"{field}.id", $"'{spec.Id}' must be non-empty and use only letters, digits, '-', '_' and '.' (it names a folder)");
        if (spec.Id == ResolvedPerturbation.Control.Id)
            throw new ConfigException($"{field}.id", "'control' is reserved for the unperturbed run");
        var axes = new List<(string Name, IReadOnlyList<double> Values)>();
        void Axis(string name, Sweepable? s) { if (s is { IsList: true }) axes.Add((name, s.Values)); }
        for (int i = 0; i < spec.Lesions.Count; i++) Axis($"lesions[{i}].population.fraction", spec.Lesions[i].Population?.Fraction);
        for (int i = 0; i < spec.Stimulations.Count; i++)
        {
            Axis($"stimulations[{i}].current", spec.Stimulations[i].Current);
            Axis($"stimulations[{i}].population.fraction", spec.Stimulations[i].Population.Fraction);
        }
        for (int i = 0; i < spec.WeightScales.Count; i++) Axis($"weight_scales[{i}].factor", spec.WeightScales[i].Factor);
        Axis("noise_scale.recurrent", spec.NoiseScale?.Recurrent);
        Axis("noise_scale.input", spec.NoiseScale?.Input);
        for (int i = 0; i < spec.InputGains.Count; i++) Axis($"input_gains[{i}].gain", spec.InputGains[i].Gain);

        var results = new List<ResolvedPerturbation>();
        foreach (var point in CartesianProduct(axes))
        {
            double Pick(string name, Sweepable? s, double fallback) =>
                s is null ? fallback : s.IsList ? point[name] : s.Single;
            string id = spec.Id + string.Concat(axes.Select(a => $"_{ShortName(a.Name)}-{Format(point[a.Name])}"));
            results.Add(Resolve(spec, field, id, Pick));
        }
        return results;
    }

    private ResolvedPerturbation Resolve(PerturbationSpec spec, string field, string id, Func<string, Sweepable?, double, double> pick)
    {
        var lesions = new List<RateLesion>();
        float[]? wrec = null;
        float[] Wrec() => wrec ??= Enumerable.Repeat(1f, network.N * network.N).ToArray();
        for (int i = 0; i < spec.Lesions.Count; i++)
        {
            var l = spec.Lesions[i]; string f = $"{field}.lesions[{i}]";
            int kinds = (l.Population is null ? 0 : 1) + (l.Connections is null ? 0 : 1) + (l.Block is null ? 0 : 1);
            if (kinds != 1) throw new ConfigException(f, "must give exactly one of population, connections, block");
            if (l.Population is not null)
                lesions.Add(new RateLesion(Units(l.Population, $"{f}.population", pick($"lesions[{i}].population.fraction", l.Population.Fraction, 1)), Window(l.Window, $"{f}.window")));
            else
            {
                if (l.Window is not null) throw new ConfigException($"{f}.window", "connection and block lesions act for the whole trial; remove the window");
                if (l.Connections is not null)
                    for (int c = 0; c < l.Connections.Count; c++)
                    {
                        var pair = l.Connections[c];
                        if (pair.Count != 2 || pair.Any(u => u < 0 || u >= network.N))
                            throw new ConfigException($"{f}.connections[{c}]", $"must be [post, pre] with unit indices in [0, {network.N - 1}]");
                        Wrec()[pair[0] * network.N + pair[1]] = 0;
                    }
                else ScaleBlock(Wrec(), l.Block!, 0, $"{f}.block");
            }
        }
        var currents = new List<CurrentInjection>();
        for (int i = 0; i < spec.Stimulations.Count; i++)
        {
            var s = spec.Stimulations[i]; string f = $"{field}.stimulations[{i}]";
            double current = pick($"stimulations[{i}].current", s.Current, 0);
            if (!double.IsFinite(current)) throw new ConfigException($"{f}.current", "must be a finite number (negative silences)");
            currents.Add(new CurrentInjection(Units(s.Population, $"{f}.population", pick($"stimulations[{i}].population.fraction", s.Population.Fraction, 1)), current, Window(s.Window, $"{f}.window")));
        }
        double inScale = 1, outScale = 1;
        for (int i = 0; i < spec.WeightScales.Count; i++)
        {
            var w = spec.WeightScales[i]; string f = $"{field}.weight_scales[{i}]";
            double factor = pick($"weight_scales[{i}].factor", w.Factor, 1);
            if (!(factor >= 0) || !double.IsFinite(factor)) throw new ConfigException($"{f}.factor", $"must be a finite number >= 0 (Dale signs are kept), got {factor}");
            switch (w.Block)
            {
                case "input": inScale *= factor; break;
                case "output": outScale *= factor; break;
                default: ScaleBlock(Wrec(), w.Block, (float)factor, $"{f}.block"); break;
            }
        }
        double sigRec = pick("noise_scale.recurrent", spec.NoiseScale?.Recurrent, 1), sigIn = pick("noise_scale.input", spec.NoiseScale?.Input, 1);
        if (!(sigRec >= 0) || !double.IsFinite(sigRec)) throw new ConfigException($"{field}.noise_scale.recurrent", $"must be a finite number >= 0, got {sigRec}");
        if (!(sigIn >= 0) || !double.IsFinite(sigIn)) throw new ConfigException($"{field}.noise_scale.input", $"must be a finite number >= 0, got {sigIn}");
        float[]? gains = null;
        for (int i = 0; i < spec.InputGains.Count; i++)
        {
            var g = spec.InputGains[i]; string f = $"{field}.input_gains[{i}]";
            int channel = ChannelIndex(g.Channel, $"{f}.channel");
            double gain = pick($"input_gains[{i}].gain", g.Gain, 1);
            if (!double.IsFinite(gain)) throw new ConfigException($"{f}.gain", "must be a finite number");
            gains ??= Enumerable.Repeat(1f, network.Nin).ToArray();
            gains[channel] *= (float)gain;
        }
        return new ResolvedPerturbation
        {
            Id = id, Description = Describe(id, lesions, currents, wrec is not null, inScale, outScale, sigRec, sigIn, gains),
            RateLesions = lesions, Currents = currents, RecurrentMultiplier = wrec,
            InputWeightScale = inScale, OutputWeightScale = outScale, SigmaRecScale = sigRec, SigmaInScale = sigIn, InputGains = gains,
        };
    }

    private IReadOnlyList<int> Units(PopulationSpec p, string f, double fraction)
    {
        int kinds = (p.Type is null ? 0 : 1) + (p.Area is null ? 0 : 1) + (p.Units is null ? 0 : 1);
        if (kinds != 1) throw new ConfigException(f, "must give exactly one of type (E, I, all), area, units");
        int[] baseSet;
        if (p.Type is not null)
        {
            baseSet = p.Type switch
            {
                "E" => Enumerable.Range(0, network.N).Where(u => network.UnitTypes[u] == UnitType.Excitatory).ToArray(),
                "I" => Enumerable.Range(0, network.N).Where(u => network.UnitTypes[u] == UnitType.Inhibitory).ToArray(),
                "all" => Enumerable.Range(0, network.N).ToArray(),
                _ => throw new ConfigException($"{f}.type", $"'{p.Type}' is not a population; use E, I or all"),
            };
            if (baseSet.Length == 0) throw new ConfigException($"{f}.type", $"the network has no {p.Type} units");
        }
        else if (p.Area is not null)
        {
            baseSet = Enumerable.Range(0, network.N).Where(u => network.UnitAreas[u] == p.Area).ToArray();
            if (baseSet.Length == 0)
                throw new ConfigException($"{f}.area", $"'{p.Area}' is not an area of this network; areas: {string.Join(", ", network.UnitAreas.Distinct())}");
        }
        else
        {
            baseSet = p.Units!.ToArray();
            if (baseSet.Length == 0 || baseSet.Any(u => u < 0 || u >= network.N) || baseSet.Distinct().Count() != baseSet.Length)
                throw new ConfigException($"{f}.units", $"must be distinct unit indices in [0, {network.N - 1}]");
        }
        if (!(fraction > 0 && fraction <= 1)) throw new ConfigException($"{f}.fraction", $"must be in (0, 1], got {fraction}");
        if (fraction == 1) return baseSet;
        // A seeded choice of round(fraction·n) units: the same seed picks the same units in every run and shard.
        var rng = RandomStream.Derive((ulong)p.FractionSeed, "perturbation/population-fraction");
        var pool = baseSet.ToArray();
        rng.Shuffle(pool.AsSpan());
        int keep = Math.Max(1, (int)Math.Round(fraction * pool.Length));
        return pool.Take(keep).Order().ToArray();
    }

    private EffectWindow Window(WindowSpec? w, string f)
    {
        if (w is null) return EffectWindow.Always;
        if (w.Period is not null)
        {
            if (w.StartMs is not null || w.EndMs is not null) throw new ConfigException(f, "give either period or start_ms/end_ms, not both");
            if (!periodNames.Contains(w.Period))
                throw new ConfigException($"{f}.period", $"'{w.Period}' is not a period of the task; periods: {string.Join(", ", periodNames)}");
            return new EffectWindow(w.Period, null, null);
        }
        double start = w.StartMs ?? 0, end = w.EndMs ?? trialDurationMs;
        if (!(start >= 0) || !(end > start) || end > trialDurationMs + 1e-9)
            throw new ConfigException(f, $"must satisfy 0 <= start_ms < end_ms <= {trialDurationMs} (the trial length in ms), got {start}-{end}");
        return new EffectWindow(null, start, end);
    }

    private void ScaleBlock(float[] multiplier, string block, float factor, string f)
    {
        var parts = block.Split("->");
        if (parts.Length != 2 || parts.Any(p => p is not ("E" or "I")))
            throw new ConfigException(f, $"'{block}' is not a block; use E->E, E->I, I->E, I->I, input or output");
        if (!network.Dale) throw new ConfigException(f, "E/I blocks need a Dale network (this one has no inhibitory units)");
        var pre = parts[0] == "E" ? UnitType.Excitatory : UnitType.Inhibitory;
        var post = parts[1] == "E" ? UnitType.Excitatory : UnitType.Inhibitory;
        int n = network.N;
        for (int i = 0; i < n; i++)
            if (network.UnitTypes[i] == post)
                for (int j = 0; j < n; j++)
                    if (network.UnitTypes[j] == pre) multiplier[i * n + j] *= factor;
    }

    private int ChannelIndex(string channel, string f)
    {
        int byName = network.InputNames.ToList().IndexOf(channel);
        if (byName >= 0) return byName;
        if (int.TryParse(channel, NumberStyles.Integer, CultureInfo.InvariantCulture, out int idx) && idx >= 0 && idx < network.Nin) return idx;
        throw new ConfigException(f, $"'{channel}' is not an input channel; use an index 0..{network.Nin - 1} or one of {string.Join(", ", network.InputNames)}");
    }

    private static IEnumerable<Dictionary<string, double>> CartesianProduct(List<(string Name, IReadOnlyList<double> Values)> axes)
    {
        IEnumerable<Dictionary<string, double>> acc = [new Dictionary<string, double>()];
        foreach (var (name, values) in axes)
            acc = acc.SelectMany(d => values.Select(v => new Dictionary<string, double>(d) { [name] = v })).ToList();
        return acc;
    }

    private static string ShortName(string axis) => axis.Split('.')[^1].Split('[')[0];
    private static string Format(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Describe(string id, List<RateLesion> lesions, List<CurrentInjection> currents, bool wrec,
        double inScale, double outScale, double sigRec, double sigIn, float[]? gains)
    {
        var parts = new List<string>();
        parts.AddRange(lesions.Select(l => $"lesion {l.Units.Count} units ({l.Window})"));
        parts.AddRange(currents.Select(c => $"current {c.Current.ToString(CultureInfo.InvariantCulture)} to {c.Units.Count} units ({c.Window})"));
        if (wrec) parts.Add("recurrent weights scaled or lesioned");
        if (inScale != 1) parts.Add($"W_in x {Format(inScale)}");
        if (outScale != 1) parts.Add($"W_out x {Format(outScale)}");
        if (sigRec != 1) parts.Add($"sigma_rec x {Format(sigRec)}");
        if (sigIn != 1) parts.Add($"sigma_in x {Format(sigIn)}");
        if (gains is not null) parts.Add($"input gains [{string.Join(", ", gains.Select(g => Format(g)))}]");
        return parts.Count == 0 ? $"{id}: no effect" : $"{id}: {string.Join("; ", parts)}";
    }
}
