using System.Globalization;
using EiRnn.Analysis.Dynamics;
using EiRnn.Analysis.Figures;
using EiRnn.Analysis.Report;
using EiRnn.Analysis.Romo;
using EiRnn.Analysis.Selectivity;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Data;
using EiRnn.Data.Manifest;

namespace EiRnn.Analysis.Runs;

/// <summary>Unit-level analyses of the control partition: choice d′, connectivity sorted by d′, Romo tuning, fixed points.</summary>
internal static class NetworkSections
{
    public static void Add(RunOutput output, AnalysisRequest request, DatasetManifest manifest, TaskAxes axes, TrainedNetwork? model,
        IReadOnlyList<UnitRow>? units, PerturbationScan control, StateSampler? states)
    {
        if (control.Selectivity is { } accumulator) AddSelectivity(output, manifest, model, units, control.Perturbation, accumulator.ToResult());
        if (control.Romo is { } romo && control.FirstPeriods is { } periods && axes.Capabilities.Pairs is { } pairs) AddRomo(output, manifest, romo, periods, pairs);
        if (model?.Weights is { } weights && request.FixedPointInputs is { Count: > 0 } inputs) AddFixedPoints(output, request, inputs, model.Spec, weights, states);
        else if (model is not null && model.Weights is null) output.Notes.Add("The model is an LSTM: weight-based analyses are skipped.");
        else if (model is not null) output.Notes.Add($"No fixed points: the inputs of task '{manifest.Task}' are unknown here (analyze rebuilds " +
                                                      "them from the task: a task file from the model trained on it, an assembly's task from --task-assembly).");
    }

    private static void AddSelectivity(RunOutput output, DatasetManifest manifest, TrainedNetwork? model, IReadOnlyList<UnitRow>? units,
        string perturbation, UnitSelectivity d)
    {
        string TypeOf(int u) => units is not null ? units[u].TypeCode
            : model is not null ? (model.Spec.UnitTypes[u] == UnitType.Excitatory ? "E" : "I") : "?";
        for (int u = 0; u < d.DPrime.Count; u++) output.Selectivity.Add(new UnitSelectivityRow(perturbation, u, TypeOf(u), d.DPrime[u]));
        var finite = d.DPrime.Where(double.IsFinite).ToArray();
        var paragraphs = new List<string>
        {
            $"Choice selectivity d′ of each unit over the stimulus period ({d.TrialsA} choice-1 and {d.TrialsB} choice-2 trials of '{perturbation}'): " +
            $"{finite.Count(v => v > 1)} units with d′ > 1, {finite.Count(v => v < -1)} with d′ < −1, of {d.DPrime.Count}.",
        };
        var figures = new List<ReportFigure>();
        if (model?.Weights is { } weights && finite.Length > 0)
        {
            var sorted = SelectivitySortedConnectivity.Build(model.Spec, weights, d.DPrime);
            figures.Add(output.Figure("connectivity.png",
                $"W_rec among the top 25 % most selective units ({sorted.ExcitatoryShown} E, {sorted.InhibitoryShown} I), each group by d′ descending; tick labels are unit indices.",
                path => ConnectivityFigure.Save(path, sorted)));
        }
        else if (model is null) paragraphs.Add("Connectivity sorted by selectivity needs --model.");
        output.Sections.Add(new ReportSection("Choice selectivity", paragraphs, [], figures));
    }

    private static void AddRomo(RunOutput output, DatasetManifest manifest, RomoTuningAccumulator romo, IReadOnlyList<Tasks.Contract.Period> periods,
        Tasks.Contract.ParametricPairs pairs)
    {
        var f1 = periods.FirstOrDefault(p => p.Name == pairs.FirstPeriod);
        var delay = periods.FirstOrDefault(p => p.Name == pairs.MemoryPeriod);
        var f2 = periods.FirstOrDefault(p => p.Name == pairs.SecondPeriod);
        if (f1.Name is null || delay.Name is null) { output.Notes.Add($"No Romo tuning: trials lack the {pairs.FirstPeriod}/{pairs.MemoryPeriod} periods."); return; }
        RomoTuning tuning;
        var epochs = new RomoEpochs(f1.StartMs, f1.EndMs, delay.EndMs, f2.Name is null ? null : f2.EndMs)
        {
            Labels = (pairs.FirstPeriod, pairs.MemoryPeriod, pairs.SecondPeriod),
        };
        try { tuning = romo.ToResult(manifest.SampleTimesMs, epochs); }
        catch (AnalysisException e) { output.Notes.Add($"No Romo tuning: {e.Message}."); return; }
        output.Romo = tuning;
        output.PopulationTables.Add(RomoTables.OverTime(tuning));
        output.PopulationTables.Add(RomoTables.Units(tuning));

        var figures = new List<ReportFigure>
        {
            output.Figure("romo-tuning.png", "Fraction of units tuned (p < 0.05) over time, by sign: f1 (docs/analysis.md#romo-tuning, over the f1 means); " +
                "f2 and both (joint regression on f1 and f2 over the condition means).", path => DynamicsFigures.SaveRomoTuning(path, tuning, epochs)),
        };
        string t(int k) => $"{tuning.SampleTimesMs[k]:F0} ms";
        var paragraphs = new List<string>
        {
            $"Correct trials averaged per f1 ({string.Join(", ", tuning.F1ValuesHz.Zip(tuning.TrialsPerF1, (f, n) => $"{f:G3} Hz: {n}"))}); at each saved sample r = a0 + a1·f1 " +
            $"per unit, two-sided t test with {tuning.F1ValuesHz.Count - 2} d.o.f. Tuned to f1 at mid-f1 ({t(tuning.MidF1Sample)}): {100 * tuning.FractionTuned[tuning.MidF1Sample]:F0} % " +
            $"({100 * tuning.FractionPositive[tuning.MidF1Sample]:F0} % positive); at mid-delay ({t(tuning.MidDelaySample)}): {100 * tuning.FractionTuned[tuning.MidDelaySample]:F0} %; " +
            $"at the end of the delay ({t(tuning.DelayEndSample)}): {100 * tuning.FractionTuned[tuning.DelayEndSample]:F0} %. Correlation across units of a1 at the delay end " +
            $"with a1 at mid-f1: {tuning.CorrelationWithMidF1[tuning.DelayEndSample]:F2}, with a1 at mid-delay: {tuning.CorrelationWithMidDelay[tuning.DelayEndSample]:F2}.",
        };
        if (tuning.F2 is { } joint && f2.Name is not null)
        {
            int m = joint.MidF2Sample;
            paragraphs.Add($"Joint regression r = b0 + b1·f1 + b2·f2 over the {joint.Conditions} (f1, f2) condition means ({joint.Conditions - 3} d.o.f.): at mid-f2 ({t(m)}), " +
                           $"{100 * joint.FractionTuned[m]:F0} % of units are tuned to f2 ({100 * joint.FractionPositive[m]:F0} % with b2 > 0, {100 * joint.FractionNegative[m]:F0} % with b2 < 0); " +
                           $"tuned to both with the same sign: {100 * joint.FractionSameSign[m]:F0} %, with opposite signs: {100 * joint.FractionOppositeSign[m]:F0} %. " +
                           "Tables: tables/romo_tuning.parquet (per sample), tables/romo_units.parquet (per unit).");
            figures.Add(output.Figure("romo-coefficients.png", "b1 (f1) versus b2 (f2) of every unit at the middle of f2, by significance.",
                path => DynamicsFigures.SaveRomoCoefficients(path, tuning)));
        }
        else paragraphs.Add("No joint f1/f2 regression: the conditions with correct trials do not separate f1 from f2.");
        output.Sections.Add(new ReportSection("f1 and f2 tuning (Romo)", paragraphs, [], figures));
    }

    /// <summary>
    /// docs/analysis.md#fixed-and-slow-points under each constant input of the zero-evidence condition (built by the caller, <see cref="Tasks.Contract.EpochInputs"/>): start
    /// points are saved rates turned into states (<see cref="AutonomousDynamics.StateFromRates"/>), topped up with
    /// x0 + N(0, 0.1²) when fewer trials were sampled.
    /// </summary>
    private static void AddFixedPoints(RunOutput output, AnalysisRequest request, IReadOnlyList<Tasks.Contract.EpochInput> inputs, NetworkSpec spec,
        NetworkWeights weights, StateSampler? states)
    {
        var sampled = states?.States ?? [];
        var topUp = output.Stream("fixed-points/x0");
        var extra = Enumerable.Range(0, Math.Max(0, request.FixedPointStarts - sampled.Count))
            .Select(_ => (IReadOnlyList<double>)weights.X0.Select(v => v + 0.1 * topUp.NextNormal()).ToArray()).ToArray();
        var options = new FixedPointOptions
        {
            MinimumStartPoints = 1, MaxIterations = request.FixedPointMaxIterations, MaxLinearSolves = FixedPointSolveBudget(spec.N),
        };
        var paragraphs = new List<string>
        {
            $"Fixed points (q = ½‖F‖² < {options.FixedPointSpeed:G2} ms⁻²) and slow points (local minima of q above it) of the noise-free network under the " +
            $"constant input of each period of the zero-evidence test condition (else of the first test condition), from {sampled.Count} states sampled from saved rates and {extra.Length} from " +
            "x0 + N(0, 0.1²). Newton's method solves each activation pattern's linear system exactly (rectified-linear f); BFGS is the fallback. " +
            "Points closer than 1e-3 are merged; stability from the eigenvalues of (−I + W_rec diag(f′(x*)))/τ.",
        };
        var tables = new List<ReportTable>();
        foreach (var input in inputs)
        {
            var dynamics = new AutonomousDynamics(spec, weights, AutonomousDynamics.EffectiveInput(spec, input.TaskInput));
            var starts = sampled.Select(r => (IReadOnlyList<double>)dynamics.StateFromRates(r).ToArray()).Concat(extra).ToArray();
            var result = FixedPointFinder.Find(dynamics, starts, options);
            var rows = result.FixedPoints.Concat(result.SlowPoints)
                .Select(p => FixedPointRow.From(input.Periods, p, StateReadout.Of(spec, weights, p.State))).ToArray();
            output.FixedPoints.AddRange(rows);
            paragraphs.Add(Summary(input, dynamics.Input, rows, spec.OutputNames));
            string searched = result.StartPointsSearched == result.StartPoints ? $"{result.StartPoints} start points"
                : $"{result.StartPointsSearched} of {result.StartPoints} start points: the budget of {options.MaxLinearSolves} Newton solves at N = {spec.N} ran out";
            tables.Add(ReportTables.FixedPoints($"{input.Periods}: fixed and slow points ({searched})", rows, spec.OutputNames));
        }
        output.Sections.Add(new ReportSection("Fixed and slow points", paragraphs, tables, []));
    }

    /// <summary>
    /// Newton solves per constant input: a solve is an LU of the N × N Jacobian (≈ N³ work), so the budget is a fixed amount of
    /// work, 1.5·10¹⁰ N³-units. At N = 100 that is 15,000 solves, the worst case of 100 start points (≤ 150 solves each), so
    /// small networks are searched in full; at N = 500 (romo) it is 120 solves, about 10 s per input on one core here,
    /// instead of the hours a full search of a network with continuous attractors can take.
    /// </summary>
    private static int FixedPointSolveBudget(int n) => (int)Math.Clamp(1.5e10 / ((double)n * n * n), 50, int.MaxValue);

    private static string Summary(Tasks.Contract.EpochInput input, IReadOnlyList<double> effective, IReadOnlyList<FixedPointRow> rows, IReadOnlyList<string> outputNames)
    {
        string Name(int o) => o < outputNames.Count ? outputNames[o] : $"output {o}";
        var fixedPoints = rows.Where(r => r.Kind == "fixed").ToArray();
        var attractors = fixedPoints.Where(r => r.IsStable).GroupBy(r => r.Choice).OrderBy(g => g.Key)
            .Select(g => $"{g.Count()} favouring {Name(g.Key)}").ToArray();
        var unstable = fixedPoints.Where(r => !r.IsStable).Select(r => $"{r.UnstableDirections} unstable direction(s), largest Re λ = {r.MaxRealEigenvalue:E2} ms⁻¹").ToArray();
        return $"{input.Periods} (task input {string.Join(", ", input.TaskInput.Select(v => v.ToString("G3", CultureInfo.InvariantCulture)))}; ũ = {string.Join(", ", effective.Select(v => v.ToString("G3", CultureInfo.InvariantCulture)))}): " +
               $"{fixedPoints.Length} fixed point(s), max q = {(fixedPoints.Length == 0 ? "—" : fixedPoints.Max(r => r.Speed).ToString("E1", CultureInfo.InvariantCulture))} ms⁻²; " +
               $"stable: {(attractors.Length == 0 ? "none" : string.Join(", ", attractors))}; " +
               $"unstable: {(unstable.Length == 0 ? "none" : string.Join("; ", unstable))}; {rows.Count - fixedPoints.Length} slow point(s).";
    }
}
