using EiRnn.Analysis.Report;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Data;
using EiRnn.Data.Manifest;
using EiRnn.Data.Reading;
using EiRnn.Data.Tables;

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
        var manifest = reader.Manifest;
        var model = LoadModel(request.ModelPath, manifest);
        var axes = TaskAxes.For(manifest);
        var perturbations = reader.Perturbations;
        if (perturbations.Count == 0) throw new DatasetException($"dataset '{request.DataDir}' has no trials");
        string control = ControlOf(manifest, perturbations);
        IReadOnlyList<UnitRow>? units = File.Exists(Data.Layout.DatasetLayout.UnitsPath(request.DataDir)) ? await reader.ReadUnitsAsync(ct) : null;

        bool savesR = manifest.SavesR;
        bool rdm = axes.Family == TaskFamily.Rdm;
        bool fixedPoints = model?.Weights is not null && rdm;
        var states = fixedPoints && savesR ? new StateSampler(request.FixedPointStarts, RandomStream.Derive(request.Seed, "analysis/fixed-points/starts")) : null;
        var scans = new List<PerturbationScan>();
        foreach (string p in perturbations)
        {
            bool isControl = p == control;
            var settings = new ScanSettings(
                ThresholdRt: manifest.Task == "rdm-rt",
                DurationAccuracy: manifest.Task == "rdm-variable",
                ChoiceSelectivity: isControl && savesR && (rdm || axes.Family == TaskFamily.Mante || axes.Family == TaskFamily.Multisensory),
                RomoTuning: isControl && savesR && manifest.Task == "romo",
                States: isControl ? states : null);
            var scan = new PerturbationScan(p, manifest, axes, settings);
            await TrialStream.ForEachAsync(reader, p, scan.NeedsZ, scan.NeedsR, scan.Add, ct);
            scans.Add(scan);
        }

        Directory.CreateDirectory(request.OutDir);
        var output = new RunOutput(request.OutDir, request.Seed, request.BootstrapResamples);
        var controlScan = scans.First(s => s.Perturbation == control);
        BehaviourSections.Add(output, axes, manifest, scans, control);
        PerturbationSection.Add(output, axes, scans, control);
        NetworkSections.Add(output, request, manifest, axes, model, units, controlScan, states);
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

        var report = new AnalysisReport($"EiRnnPipeline analysis: {manifest.Task}",
            ReportSummaries.Model(request, manifest, model, units),
            ReportSummaries.Dataset(request.DataDir, manifest, scans, perturbations),
            [output.SettingsSection(), .. output.Sections]);
        string index = ReportWriter.Write(request.OutDir, report);
        return new AnalysisResults(manifest.Task, axes, request.Seed, perturbations, control, output.Fits, output.Behaviour, output.Durations,
            output.Effects, output.Selectivity, output.FixedPoints, output.Notes, index,
            output.FigureFiles.Select(f => Path.Combine(request.OutDir, f)).ToArray(), tables);
    }

    /// <summary>Reads the model and checks it is the one the dataset was simulated from.</summary>
    private static TrainedNetwork? LoadModel(string? path, DatasetManifest manifest)
    {
        if (path is null) return null;
        string hash = ModelFileHash.Sha256(path);
        if (!string.Equals(hash, manifest.ModelSha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelFileException($"model '{path}' has SHA-256 {hash}, but the dataset was simulated from {manifest.ModelSha256}");
        return Onnx.Reading.ModelReader.Read(path).Network;
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
