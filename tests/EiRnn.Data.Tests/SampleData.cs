using System.Text.Json;
using EiRnn.Data.Manifest;
using EiRnn.Data.Writing;
using EiRnn.Tasks.Contract;

namespace EiRnn.Data.Tests;

/// <summary>A condition with one column of every kind, any of which may be null.</summary>
internal sealed record ProbeCondition(int? Code, double? Coherence, string? Modality, bool? Catch) : ITrialCondition
{
    public static readonly IReadOnlyList<ConditionColumn> Columns =
    [
        new("code", ConditionColumnKind.Int32, "int column"),
        new("coherence", ConditionColumnKind.Double, "double column"),
        new("modality", ConditionColumnKind.String, "string column"),
        new("catch", ConditionColumnKind.Bool, "bool column"),
    ];

    public bool IsCatch => Catch == true;

    public void Write(IConditionWriter w)
    {
        w.Int32("code", Code);
        w.Double("coherence", Coherence);
        w.String("modality", Modality);
        w.Bool("catch", Catch);
    }
}

/// <summary>Hand-built manifests and chunks whose every value follows from the trial id by a simple rule.</summary>
internal static class SampleData
{
    public const int TSave = 3, Nout = 2, N = 4;
    public static readonly string[] PeriodNames = ["fixation", "stimulus", "decision"];

    public static DatasetManifest Manifest(bool saveR, int tSave = TSave, int nout = Nout, int n = N, params string[] perturbations) => new()
    {
        ModelSha256 = new string('a', 64),
        Task = "probe",
        DtMs = 0.5,
        DtSaveMs = 10,
        TSave = tSave,
        SampleTimesMs = Enumerable.Range(1, tSave).Select(k => 10.0 * k).ToArray(),
        Timing = TaskTiming.Test,
        Seeds = [7],
        Sweep = null,
        Perturbations = (perturbations.Length == 0 ? ["control"] : perturbations)
            .Select(id => new PerturbationEntry(id, JsonDocument.Parse(id == "control" ? "{}" : "{\"kind\": \"lesion\", \"units\": [1]}").RootElement))
            .ToArray(),
        ConditionColumns = ProbeCondition.Columns,
        PeriodNames = PeriodNames,
        N = n,
        Nout = nout,
        OutputNames = Enumerable.Range(0, nout).Select(o => $"out{o}").ToArray(),
        Saved = saveR ? [SavedSeries.Z, SavedSeries.R] : [SavedSeries.Z],
    };

    /// <summary>Every 3rd trial is a catch trial: null conditions, no response, only the fixation period.</summary>
    public static ProbeCondition ConditionOf(long trial) => trial % 3 == 0
        ? new ProbeCondition(null, null, null, true)
        : new ProbeCondition((int)(trial % 5), trial * 0.25 - 3.2, trial % 2 == 0 ? "visual" : "auditory", false);

    public static TrialOutcome OutcomeOf(long trial) => trial % 3 == 0
        ? new TrialOutcome(null, null, null)
        : new TrialOutcome((int)(trial % 2), trial % 4 == 1, trial % 7 == 0 ? null : 100.5 + trial);

    public static IReadOnlyList<Period> PeriodsOf(long trial) => trial % 3 == 0
        ? [new Period("fixation", 0, 2000)]
        : [new Period("fixation", 0, 300), new Period("stimulus", 300, 1100 + trial), new Period("decision", 1100 + trial, 1400 + trial)];

    public static float ZOf(long trial, int t, int o) => trial * 1000f + t * 10 + o;
    public static float ROf(long trial, int t, int u) => -(trial * 1000f + t * 10 + u) / 8f;

    public static TrialChunk Chunk(long firstTrial, int count, bool saveR, int tSave = TSave, int nout = Nout, int n = N)
    {
        var trials = Enumerable.Range(0, count).Select(i => firstTrial + i).ToArray();
        var z = new float[count * tSave * nout];
        var r = saveR ? new float[count * tSave * n] : null;
        for (int b = 0; b < count; b++)
            for (int t = 0; t < tSave; t++)
            {
                for (int o = 0; o < nout; o++) z[(b * tSave + t) * nout + o] = ZOf(trials[b], t, o);
                if (r is not null) for (int u = 0; u < n; u++) r[(b * tSave + t) * n + u] = ROf(trials[b], t, u);
            }
        return new TrialChunk(trials, trials.Select(t => 1000 + t).ToArray(),
            trials.Select(t => (ITrialCondition)ConditionOf(t)).ToArray(), trials.Select(OutcomeOf).ToArray(),
            trials.Select(PeriodsOf).ToArray(), tSave, nout, n, z, r);
    }

    /// <summary>Writes work units of <paramref name="trialsPerUnit"/> trials each (trial ids unit*1000 + i), chunks of 2.</summary>
    public static async Task WriteUnitsAsync(DatasetWriter writer, IEnumerable<int> units, int trialsPerUnit, string perturbation = "control")
    {
        foreach (int u in units)
        {
            await using var unit = await writer.BeginUnitAsync(new WorkUnit(u, perturbation));
            for (int first = 0; first < trialsPerUnit; first += 2)
                await unit.AppendAsync(Chunk(u * 1000L + first, Math.Min(2, trialsPerUnit - first), writer.Manifest.SavesR,
                    writer.Manifest.TSave, writer.Manifest.Nout, writer.Manifest.N));
            await unit.CompleteAsync();
        }
    }
}

/// <summary>A fresh folder per test, removed afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "eirnn-data-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Every file under the folder, relative, with '/' separators, sorted.</summary>
    public string[] Files() => Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
        .Select(f => System.IO.Path.GetRelativePath(Path, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
