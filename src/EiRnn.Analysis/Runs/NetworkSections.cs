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
    public static void Add(RunOutput output, AnalysisRequest request, DatasetManifest manifest, TrainedNetwork? model,
        IReadOnlyList<UnitRow>? units, PerturbationScan control, StateSampler? states)
    {
        if (control.Selectivity is { } accumulator) AddSelectivity(output, manifest, model, units, control.Perturbation, accumulator.ToResult());
        if (control.Romo is { } romo && control.FirstPeriods is { } periods) AddRomo(output, manifest, romo, periods);
        if (model?.Weights is { } weights && manifest.Task == "rdm-fixed") AddFixedPoints(output, request, model.Spec, weights, states);
        else if (model is not null && model.Weights is null) output.Notes.Add("The model is an LSTM: weight-based analyses are skipped.");
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

    private static void AddRomo(RunOutput output, DatasetManifest manifest, RomoTuningAccumulator romo, IReadOnlyList<Tasks.Contract.Period> periods)
    {
        var f1 = periods.FirstOrDefault(p => p.Name == "f1");
        var delay = periods.FirstOrDefault(p => p.Name == "delay");
        if (f1.Name is null || delay.Name is null) { output.Notes.Add("No Romo tuning: trials lack f1/delay periods."); return; }
        try
        {
            var epochs = new RomoEpochs(f1.StartMs, f1.EndMs, delay.EndMs);
            var tuning = romo.ToResult(manifest.SampleTimesMs, epochs);
            var figure = output.Figure("romo-tuning.png", "Fraction of units tuned to f1 over time (p < 0.05), split by slope sign.",
                path => DynamicsFigures.SaveRomoTuning(path, tuning, epochs));
            output.Sections.Add(new ReportSection("f1 tuning", [], [], [figure]));
        }
        catch (AnalysisException e) { output.Notes.Add($"No Romo tuning: {e.Message}."); }
    }

    /// <summary>SPEC.md §5.11 at the fixation-period input (task input 0, so ũ comes from u0 alone).</summary>
    private static void AddFixedPoints(RunOutput output, AnalysisRequest request, NetworkSpec spec, NetworkWeights weights, StateSampler? states)
    {
        var starts = new List<IReadOnlyList<double>>(states?.States ?? []);
        var rng = output.Stream("fixed-points/x0");
        // Top up with x0 plus small seeded perturbations when fewer states were sampled from trajectories.
        while (starts.Count < request.FixedPointStarts)
            starts.Add(weights.X0.Select(v => v + 0.1 * rng.NextNormal()).ToArray());
        var input = AutonomousDynamics.EffectiveInput(spec, new double[spec.Nin]);
        var options = new FixedPointOptions { MinimumStartPoints = Math.Min(starts.Count, request.FixedPointStarts), MaxIterations = request.FixedPointMaxIterations };
        var result = FixedPointFinder.Find(spec, weights, input, starts.Take(request.FixedPointStarts).ToArray(), options);
        output.FixedPoints.AddRange(result.FixedPoints.Concat(result.SlowPoints).Select(FixedPointRow.From));
        int sampled = Math.Min(states?.States.Count ?? 0, request.FixedPointStarts);
        output.Sections.Add(new ReportSection("Fixed and slow points (fixation input)",
        [
            $"{result.FixedPoints.Count} fixed points (q < 1e-8 ms⁻²; {result.FixedPoints.Count(p => p.IsStable)} stable) and {result.SlowPoints.Count} slow points " +
            $"from {result.StartPoints} start points ({sampled} sampled from saved rates, the rest x0 + N(0, 0.1²)); at most {request.FixedPointMaxIterations} iterations each.",
        ], [ReportTables.FixedPoints(result)], []));
    }
}
