using System.Text.Json;
using EiRnn.Core.Random;
using EiRnn.Data;
using EiRnn.Data.Manifest;
using EiRnn.Data.Writing;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;

namespace EiRnn.Analysis.Tests.Runs;

/// <summary>
/// The behaviour one perturbation partition is drawn from: P(choice 1) = Φ((c − μ)/σ) at signed coherence c; and
/// <paramref name="DivergedPerCondition"/> more trials per condition that diverged (no outcome, NaN z and r), written
/// after the others without drawing from the stream, so the other trials are the same with or without them.
/// </summary>
internal sealed record SyntheticBehaviour(string Perturbation, double Mu, double Sigma, int DivergedPerCondition = 0);

/// <summary>Shape of a synthetic dataset: task, saved samples, units, and the model hash the manifest records.</summary>
internal sealed record SyntheticShape(string Task = "rdm-fixed", int TSave = 4, double DtSaveMs = 350, double StimulusEndMs = 1100,
    int N = 4, bool SaveR = false, string ModelSha256 = "0000000000000000000000000000000000000000000000000000000000000000")
{
    public double[] SampleTimesMs => Enumerable.Range(1, TSave).Select(k => k * DtSaveMs).ToArray();

    /// <summary>rdm-rt datasets: the generating decision time at unsigned coherence |c| (ms after stimulus onset at 300 ms).</summary>
    public static double DecisionTimeMs(double absCoherence) => 100 + 600 * Math.Exp(-absCoherence / 10);
}

/// <summary>
/// A small rdm dataset written with the real dataset writer, whose choices are drawn from KNOWN cumulative
/// Gaussians of signed coherence. It records the per-condition counts it drew, so tests can compare the
/// analysis with numbers computed here, independently of the analysis code.
/// </summary>
internal sealed class SyntheticRdmDataset
{
    public const int Nout = 2;
    public static readonly int[] Codes = [0, 1, 2, 4, 8, 16];

    /// <summary>(perturbation, signed coherence) → (trials, choice-1 count).</summary>
    public Dictionary<(string, double), (int Trials, int Choice1)> Counts { get; } = new();

    /// <summary>Diverged trials written per perturbation.</summary>
    public Dictionary<string, int> Diverged { get; } = new();

    /// <summary>rdm-rt: non-catch trials written without a threshold crossing.</summary>
    public int NoCrossing { get; private set; }

    public static async Task<SyntheticRdmDataset> WriteAsync(string dir, IReadOnlyList<SyntheticBehaviour> behaviours, int trialsPerCondition,
        ulong seed, SyntheticShape? shape = null)
    {
        shape ??= new SyntheticShape();
        var (task, n, saveR, tSave) = (shape.Task, shape.N, shape.SaveR, shape.TSave);
        double[] times = shape.SampleTimesMs;
        var data = new SyntheticRdmDataset();
        var manifest = new DatasetManifest
        {
            ModelSha256 = shape.ModelSha256, Task = task, DtMs = 0.5, DtSaveMs = shape.DtSaveMs, TSave = tSave, SampleTimesMs = times,
            Timing = TaskTiming.Test, Seeds = [(long)seed], Sweep = null,
            Perturbations = behaviours.Select(b => new PerturbationEntry(b.Perturbation,
                JsonDocument.Parse(b.Perturbation == "control" ? "{}" : "{\"kind\": \"lesion\", \"units\": [1]}").RootElement)).ToArray(),
            ConditionColumns = RdmCondition.Columns, PeriodNames = ["fixation", "stimulus", "decision"],
            N = n, Nout = Nout, OutputNames = ["choice1", "choice2"],
            Saved = saveR ? [SavedSeries.Z, SavedSeries.R] : [SavedSeries.Z],
            // As simulate writes them: the task's declared capabilities (docs/datasets.md#task-capabilities).
            Capabilities = Tasks.TaskRegistry.BuiltIn().Create(task).Description.Capabilities,
        };
        var rng = RandomStream.Derive(seed, "test/synthetic-rdm");
        await using var writer = DatasetWriter.Open(dir, manifest, ShardId.Single, new DatasetWriterOptions { FlushToDisk = false });
        long trial = 0;
        for (int u = 0; u < behaviours.Count; u++)
        {
            var b = behaviours[u];
            await using var unit = await writer.BeginUnitAsync(new WorkUnit(u, b.Perturbation));
            // One catch trial per unit: it must be ignored by every analysis.
            var conditions = new List<RdmCondition> { new(0, 0, IsCatch: true) };
            foreach (int code in Codes)
                foreach (int dir2 in code == 0 ? new[] { 1 } : new[] { 1, -1 })
                    for (int k = 0; k < trialsPerCondition; k++) conditions.Add(new RdmCondition(code, code == 0 ? (k % 2 == 0 ? 1 : -1) : dir2));
            var outcomes = new List<TrialOutcome>();
            foreach (var c in conditions)
            {
                if (c.IsCatch) { outcomes.Add(new TrialOutcome(null, null, null)); continue; }
                double x = c.SignedCoherence;
                bool choice1 = rng.NextDouble() < MathNet.Numerics.Distributions.Normal.CDF(b.Mu, b.Sigma, x);
                int choice = choice1 ? 0 : 1;
                outcomes.Add(new TrialOutcome(choice, c.CorrectChoice is int cc ? choice == cc : null, null));
                var key = (b.Perturbation, x + 0.0);
                data.Counts.TryGetValue(key, out var cnt);
                data.Counts[key] = (cnt.Trials + 1, cnt.Choice1 + (choice1 ? 1 : 0));
            }
            int finite = conditions.Count;
            foreach (int code in Codes)
                foreach (int dir2 in code == 0 ? new[] { 1 } : new[] { 1, -1 })
                    for (int k = 0; k < b.DivergedPerCondition; k++)
                    {
                        conditions.Add(new RdmCondition(code, code == 0 ? (k % 2 == 0 ? 1 : -1) : dir2));
                        outcomes.Add(TrialOutcome.DivergedTrial);
                    }
            data.Diverged[b.Perturbation] = data.Diverged.GetValueOrDefault(b.Perturbation) + conditions.Count - finite;
            int count = conditions.Count;
            var ids = Enumerable.Range(0, count).Select(i => trial + i).ToArray();
            trial += count;
            var r = saveR ? new float[count * tSave * n] : null;
            if (r is not null)
                for (int i = 0; i < finite; i++)
                    for (int t = 0; t < tSave; t++)
                        for (int j = 0; j < n; j++)
                            // Unit 0 fires more on choice-1 trials, unit 1 on choice-2 trials, the rest at random.
                            r[(i * tSave + t) * n + j] = (float)((j == 0 && outcomes[i].Choice == 0) || (j == 1 && outcomes[i].Choice == 1) ? 1 + rng.NextDouble() : rng.NextDouble());
            if (r is not null) r.AsSpan(finite * tSave * n).Fill(float.NaN);
            var z = new float[count * tSave * Nout];
            z.AsSpan(finite * tSave * Nout).Fill(float.NaN);
            if (task == "rdm-rt")
                for (int i = 0; i < finite; i++)
                {
                    // The chosen output rises to 1.5 at the known RT; every 5th zero-coherence trial never crosses.
                    var c = conditions[i];
                    bool crosses = !c.IsCatch && !(c.CoherenceCode == 0 && i % 5 == 0);
                    int choice = outcomes[i].Choice ?? 0;
                    double crossAt = 300 + SyntheticShape.DecisionTimeMs(Math.Abs(c.SignedCoherence));
                    for (int t = 0; t < tSave; t++)
                        for (int o = 0; o < Nout; o++)
                            z[(i * tSave + t) * Nout + o] = crosses && o == choice && times[t] >= crossAt ? 1.5f : 0.5f;
                    if (!crosses && !c.IsCatch) data.NoCrossing++;
                    // The stored outcome is the simulator's (docs/analysis.md#reaction-time): the crossing's choice and its exact RT, at
                    // full resolution (not a saved sample); no choice without a crossing. The analysis must use it and not re-derive it from z.
                    if (!c.IsCatch)
                        outcomes[i] = crosses
                            ? new TrialOutcome(choice, c.CorrectChoice is int cc2 ? choice == cc2 : null, SyntheticShape.DecisionTimeMs(Math.Abs(c.SignedCoherence)))
                            : new TrialOutcome(null, null, null);
                }
            await unit.AppendAsync(new TrialChunk(ids, ids.Select(i => 100 + i).ToArray(), conditions.Cast<ITrialCondition>().ToArray(), outcomes,
                conditions.Select(c => (IReadOnlyList<Period>)(c.IsCatch ? [new Period("fixation", 0, 2000)]
                    : [new Period("fixation", 0, 300), new Period("stimulus", 300, shape.StimulusEndMs), new Period("decision", shape.StimulusEndMs, shape.StimulusEndMs + 300)])).ToArray(),
                tSave, Nout, n, z, r));
            await unit.CompleteAsync();
        }
        await writer.CompleteAsync();
        return data;
    }
}
