using EiRnn.Analysis.Multisensory;
using EiRnn.Analysis.Runs;
using EiRnn.Core.Network;
using EiRnn.Data.Reading;
using EiRnn.Tasks.Contract;

namespace EiRnn.Analysis.Claims;

/// <summary>Everything the claims of one network are measured from: its control trials, the `analyze` results of the same dataset,
/// the cue selectivity and noise-free runs when the task has them, and the trained and initial weights.</summary>
public sealed record ClaimData(
    TaskCapabilities Capabilities,
    IReadOnlyList<TrialRecord> Trials,
    IReadOnlyList<double> SampleTimesMs,
    int Units,
    AnalysisResults? Analysis,
    CueSelectivity? Cues,
    IReadOnlyList<float[]>? NoiseFreeRuns,
    TrainedNetwork? Network,
    InitialWeights? Initial)
{
    /// <summary>
    /// Reads a dataset for its claims: the control partition's trials (diverged ones left out, as everywhere), with the rates of the cue
    /// selectivity when the task declares cues, and the rates of every trial of <paramref name="noiseFreeDataDir"/> (a dataset of one
    /// noise-free run per condition, docs/analysis.md#trajectory-pca) when given.
    /// </summary>
    public static async Task<ClaimData> ReadAsync(string dataDir, AnalysisResults analysis, TrainedNetwork? network, InitialWeights? initial,
        string? noiseFreeDataDir, CancellationToken ct = default)
    {
        var reader = DatasetReader.Open(dataDir);
        var manifest = reader.Manifest;
        var caps = analysis.Axes.Capabilities;
        var trials = new List<TrialRecord>();
        var cues = caps.Cues is { SingleCueLevels.Count: 2 } && manifest.SavesR ? new CueSelectivityAccumulator(caps, manifest.N, manifest.SampleTimesMs) : null;
        await TrialStream.ForEachAsync(reader, analysis.Control, false, cues is not null, (t, _, r) => { trials.Add(t); cues?.Add(t, r); }, ct);
        List<float[]>? noiseFree = null;
        if (noiseFreeDataDir is not null)
        {
            var quiet = DatasetReader.Open(noiseFreeDataDir);
            if (!quiet.Manifest.SavesR) throw new Core.Errors.DatasetException($"noise-free dataset '{noiseFreeDataDir}' has no saved rates");
            noiseFree = [];
            foreach (string p in quiet.Perturbations)
                await TrialStream.ForEachAsync(quiet, p, false, true, (t, _, r) => noiseFree.Add(TrialRates(t, r, quiet.Manifest)), ct);
        }
        return new ClaimData(caps, trials, manifest.SampleTimesMs, manifest.N, analysis, cues?.ToResult(), noiseFree, network, initial);
    }

    /// <summary>A trial's saved rates up to the end of its last period (trials shorter than the dataset's horizon are padded).</summary>
    private static float[] TrialRates(TrialRecord t, ReadOnlySpan<float> r, Data.Manifest.DatasetManifest m)
    {
        double end = t.Periods.Count == 0 ? double.MaxValue : t.Periods.Max(p => p.EndMs);
        int samples = m.SampleTimesMs.Count(s => s <= end);
        return r[..(samples * m.N)].ToArray();
    }
}
