using EiRnn.Analysis.Report;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Data;
using EiRnn.Data.Manifest;
using EiRnn.Data.Reading;
using EiRnn.Data.Tables;
using EiRnn.Core.Io;

namespace EiRnn.Analysis.Runs;

/// <summary>
/// `analyze`: one streaming pass per perturbation partition of a dataset into the accumulators that fit its
/// task, then fits, result tables (OUT/tables/*.parquet), PNG figures and OUT/index.html. Every random stream
/// is derived from <see cref="AnalysisRequest.Seed"/> as "analysis/&lt;name&gt;".
/// </summary>
public static class AnalysisRun
{
    public const string TablesFolder = "tables";

    public static async Task<AnalysisResults> RunAsync(AnalysisRequest request, CancellationToken ct = default)
    {
        request = request.Validated();
        var reader = DatasetReader.Open(request.DataDir);
        await reader.VerifyCompleteAsync(ct);
        var manifest = reader.Manifest;
        var model = LoadModel(request.ModelPath, manifest);
        // The manifest's declaration (schema version 3), else the caller's (earlier versions: from the task registry).
        var capabilities = manifest.Capabilities ?? request.Capabilities ?? Tasks.Contract.TaskCapabilities.None;
        var axes = TaskAxes.For(capabilities);
        var perturbations = reader.Perturbations;
        if (perturbations.Count == 0) throw new DatasetException($"dataset '{request.DataDir}' has no trials");
        string control = ControlOf(manifest, perturbations);
        IReadOnlyList<UnitRow>? units = File.Exists(Data.Layout.DatasetLayout.UnitsPath(request.DataDir)) ? await reader.ReadUnitsAsync(ct) : null;

        bool savesR = manifest.SavesR;
        bool fixedPoints = model?.Weights is not null && request.FixedPointInputs is { Count: > 0 };
        bool twoChoices = manifest.Nout >= 2;
        var states = fixedPoints && savesR ? new StateSampler(request.FixedPointStarts, RandomStream.Derive(request.Seed, "analysis/fixed-points/starts")) : null;
        var trajectories = TrajectoryPlan.For(manifest, axes);
        var scans = new List<PerturbationScan>();
        foreach (string p in perturbations)
        {
            bool isControl = p == control;
            var settings = new ScanSettings(
                DurationAccuracy: capabilities.DurationVariation is not null && axes.Family == TaskFamily.Evidence,
                ChoiceSelectivity: isControl && savesR && twoChoices,
                RomoTuning: isControl && savesR && axes.Family == TaskFamily.PairedEvidence,
                ManteRegression: isControl && savesR && axes.Family == TaskFamily.ContextEvidence && capabilities.SecondEvidence is not null,
                Trajectories: isControl && savesR ? trajectories : null,
                States: isControl ? states : null);
            var scan = new PerturbationScan(p, manifest, axes, settings);
            var streamed = await TrialStream.ForEachAsync(reader, p, PerturbationScan.NeedsZ, scan.NeedsR, scan.Add, ct);
            scan.DivergedTrials = streamed.Diverged;
            scans.Add(scan);
        }

        SafeFile.CreateDirectory(request.OutDir);
        var output = new RunOutput(request.OutDir, request.Seed, request.BootstrapResamples);
        var controlScan = scans.First(s => s.Perturbation == control);
        DivergenceSection.Add(output, scans);
        BehaviourSections.Add(output, axes, manifest, scans, control);
        PerturbationSection.Add(output, axes, scans, control);
        NetworkSections.Add(output, request, manifest, axes, model, units, controlScan, states);
        if (controlScan.Trajectories is { } averages) TrajectorySection.Add(output, trajectories!, averages);
        if (controlScan.Mante is { } mante) ManteSection.Add(output, mante);
        if (!savesR) output.Notes.Add(SkippedWithoutRates(axes, trajectories, model, request));
        TrainingSection.Add(output, request.TrainingDir);

        var tables = new List<string>();
        string tableDir = Path.Combine(request.OutDir, TablesFolder);
        async Task Write(ResultTable t) => tables.Add(await ResultTableWriter.WriteAsync(tableDir, t, ct));
        await Write(ResultTableBuilder.PsychometricFits(output.Fits));
        await Write(ResultTableBuilder.Behaviour(output.Behaviour, axes.StimulusColumn));
        if (output.Durations.Count > 0) await Write(ResultTableBuilder.DurationAccuracy(output.Durations));
        if (output.Effects.Count > 0) await Write(ResultTableBuilder.PerturbationEffects(output.Effects));
        if (output.Selectivity.Count > 0) await Write(ResultTableBuilder.Selectivity(output.Selectivity));
        if (output.FixedPoints.Count > 0) await Write(ResultTableBuilder.FixedPoints(output.FixedPoints));
        foreach (var table in output.PopulationTables) await Write(table);

        var report = new AnalysisReport($"EiRnnPipeline analysis: {manifest.Task}",
            ReportSummaries.Model(request, manifest, model, units),
            ReportSummaries.Dataset(request.DataDir, manifest, scans, perturbations),
            [output.SettingsSection(), .. output.Sections]);
        string index = ReportWriter.Write(request.OutDir, report);
        return new AnalysisResults(manifest.Task, axes, request.Seed, perturbations, control, output.Fits, output.Behaviour, output.Durations,
            output.Effects, output.Selectivity, output.FixedPoints, output.Pca, output.Mante, output.Romo, output.Notes, index,
            output.FigureFiles.Select(f => Path.Combine(request.OutDir, f)).ToArray(), tables)
        {
            DivergedTrials = scans.Select(s => new DivergedTrialsRow(s.Perturbation, s.Trials + s.DivergedTrials, s.DivergedTrials)).ToArray(),
        };
    }

    /// <summary>The report line naming the analyses a dataset without saved rates r cannot feed (e.g. a sweep's default z-only output).</summary>
    private static string SkippedWithoutRates(TaskAxes axes, TrajectoryPlan? trajectories, TrainedNetwork? model, AnalysisRequest request)
    {
        var skipped = new List<string> { "choice selectivity d′ and the sorted connectivity" };
        if (trajectories is not null) skipped.Add("the PCA of condition-averaged trajectories");
        if (axes.Family == TaskFamily.ContextEvidence) skipped.Add("the Mante regression subspace");
        if (axes.Family == TaskFamily.PairedEvidence) skipped.Add("Romo f1/f2 tuning");
        if (model?.Weights is not null && request.FixedPointInputs is { Count: > 0 }) skipped.Add("fixed-point start states from trajectories (x0 + noise used instead)");
        return skipped.Count == 0 ? "The dataset has no saved rates r; no analysis of this task needs them."
            : $"Skipped because the dataset has no saved rates r (simulate with --save z,r, the default; sweeps save z only): {string.Join("; ", skipped)}.";
    }

    /// <summary>Reads the model and checks it is the one the dataset was simulated from (and so a rate network).</summary>
    private static TrainedNetwork? LoadModel(string? path, DatasetManifest manifest)
    {
        if (path is null) return null;
        string hash = ModelFileHash.Sha256(path);
        if (!string.Equals(hash, manifest.ModelSha256, StringComparison.OrdinalIgnoreCase))
        {
            // No dataset can come from an LSTM (simulate refuses it): say so rather than only that the hashes differ.
            if (IsLstm(path))
                throw new ModelFileException($"model '{path}' is an lstm model: analyze reads rate-network (ei-rnn) weights only, and no dataset can come from an LSTM");
            throw new ModelFileException($"model '{path}' has SHA-256 {hash}, but the dataset was simulated from {manifest.ModelSha256}");
        }
        return Onnx.Reading.ModelReader.Read(path).Network;
    }

    private static bool IsLstm(string path)
    {
        try { return Onnx.Reading.ModelReader.Read(path).Network.Spec.Arch == NetworkArch.Lstm; }
        catch (ModelFileException) { return false; }   // unreadable: the hash message is the one to give
    }

    /// <summary>The partition called "control", else the first whose parameters are empty, else the first.</summary>
    internal static string ControlOf(DatasetManifest manifest, IReadOnlyList<string> present)
    {
        if (present.Contains("control")) return "control";
        foreach (var p in manifest.Perturbations)
            if (present.Contains(p.Id) && p.Parameters.ValueKind == System.Text.Json.JsonValueKind.Object && !p.Parameters.EnumerateObject().Any())
                return p.Id;
        return present[0];
    }
}
