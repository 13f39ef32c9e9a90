using System.Globalization;
using System.Text;
using System.Text.Json;
using EiRnn.Analysis.Runs;
using EiRnn.Cli.Pipeline;
using EiRnn.Core.Io;
using EiRnn.Onnx.Reading;

namespace EiRnn.Cli.Reproduce;

/// <summary>
/// A network's model card (models/&lt;name&gt;/README.md, written by `reproduce`): task and recipe, training record, SHA-256 of
/// model.onnx, test-set behaviour, its claims with values, and the commands that reproduce it.
/// </summary>
internal static class ModelCard
{
    public static string Write(string path, NetworkReproduction n, string reportLink)
    {
        var network = ModelReader.Read(n.ModelPath).Network;
        var spec = network.Spec;
        var t = network.Training;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {n.Name}");
        md.AppendLine();
        md.AppendLine("Model card written by `tools/eirnn reproduce` (docs/reproduce.md); do not edit by hand, rerun it.");
        md.AppendLine();
        md.AppendLine("## Task and recipe");
        md.AppendLine();
        md.AppendLine($"- Task `{n.Task}` (`tools/eirnn tasks {n.Task}`), preset `{t.Preset}`" +
                      (t.TaskOptions is { } o ? $", task options `{o.GetRawText()}`" : "") + ".");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Network: N = {spec.N} ({spec.NExc} E / {spec.NInh} I), Dale {(spec.Dale ? "yes" : "no")}, τ = {spec.TauMs[0]} ms, " +
                      $"training Δt = {spec.DtTrainMs} ms, σ_in = {spec.SigmaIn}, σ_rec = {spec.SigmaRec}; inputs {string.Join(", ", spec.InputNames)}; outputs {string.Join(", ", spec.OutputNames)}.");
        // The recipe is stated from the config's keys only: its leading comments also describe the pipeline's own test set
        // (its `simulate` block), which is not the test set of this card.
        if (n.PipelineConfigPath is { } config && File.Exists(config))
            md.AppendLine(CultureInfo.InvariantCulture, $"- Training config: `{Relative(config)}` ({Recipe(config)}; its leading comments say why). " +
                          $"Deviations from the task's recipe (its `train.config` keys): {Deviations(config)}.");
        else md.AppendLine("- No pipeline config found for this network: the recipe is the task's own (`tools/eirnn tasks`).");
        md.AppendLine();
        md.AppendLine("## Training record");
        md.AppendLine();
        if (n.Training is { } s)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- Seed {s.Seed}; {s.TrialsTrained:N0} trials ({s.Updates:N0} updates) in {s.WallSeconds:F0} s wall time on {s.Threads} thread(s).");
            md.AppendLine(CultureInfo.InvariantCulture, $"- Criterion: {s.CriterionDescription}; converged: {(s.Converged ? "yes" : "no")} (stopped by {s.StopReason}); " +
                          $"kept network's validation {s.Metric} = {s.ValidationPerformance:G4} (mean of the stopping window {s.StoppingWindowMean:G4}).");
        }
        else md.AppendLine(CultureInfo.InvariantCulture, $"- From the model's metadata: {t.TrialsTrained:N0} trials, {t.Metric} {t.ValidationPerformance:G4} against criterion {t.Criterion}, converged {(t.Converged ? "yes" : "no")}, seed {network.Seed}.");
        md.AppendLine();
        md.AppendLine("## File");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- `model.onnx` SHA-256 `{n.ModelSha256}`.");
        md.AppendLine();
        md.AppendLine("## Test-set behaviour");
        md.AppendLine();
        string source = n.PaperTestSet ? "the claims file's `test_sets`" : "its default for a task without claims";
        string paper = n.PaperTestSet
            ? string.Create(CultureInfo.InvariantCulture, $"the paper's has {n.TestSet.PaperTrialsPerCondition} per condition (scaled as docs/reproduce.md#test-sets says)")
            : "the paper has no test set for this task";
        md.AppendLine(CultureInfo.InvariantCulture, $"- Test set of this card (`reproduce`'s, {source}; not the pipeline config's `simulate` block): " +
                      $"{n.TestSet.TrialsPerCondition} trials per condition, {n.Trials:N0} trials, at the test timing, Δt 0.5 ms, " +
                      $"saved every {n.TestSet.DtSaveMs:G4} ms, both noises on; {paper}.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- {Behaviour(n.Analysis)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Full analysis: {reportLink}");
        md.AppendLine();
        md.AppendLine("## Claims of the paper");
        md.AppendLine();
        if (n.Claims.Count == 0) md.AppendLine("No headline claim of the paper concerns this task.");
        else
        {
            md.AppendLine("| | Claim | Value [95 % CI] | Threshold |");
            md.AppendLine("|---|---|---|---|");
            foreach (var r in n.Claims)
                md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Mark} | {r.Claim.Statement} (`{r.Claim.Id}`) | {Cell(ClaimText.Value(r))} | {r.Claim.Threshold.Describe()} |");
        }
        md.AppendLine();
        md.AppendLine("## Reproduce");
        md.AppendLine();
        md.AppendLine("```bash");
        md.AppendLine(CultureInfo.InvariantCulture, $"tools/eirnn reproduce --tasks {n.Name} --out runs/reproduce            # this card, from the committed model");
        if (n.PipelineConfigPath is not null) md.AppendLine(CultureInfo.InvariantCulture, $"tools/eirnn reproduce --tasks {n.Name} --train --out runs/reproduce-trained   # retrain first (data/pipelines/{n.Name}.json)");
        md.AppendLine("```");
        SafeFile.WriteAllText(path, md.ToString());
        return path;
    }

    private static string Cell(string s) => s.Replace("|", "\\|");

    private static string Relative(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), path).Replace('\\', '/');

    /// <summary>The training stage's seed and time cap, e.g. "seed 1, capped at 1,800 s of training".</summary>
    private static string Recipe(string configPath)
    {
        var train = PipelineRunner.Load(configPath).Train;
        string cap = train.MaxWallSeconds > 0
            ? string.Create(CultureInfo.InvariantCulture, $"capped at {train.MaxWallSeconds:N0} s of training")
            : "trained to the criterion without a time cap";
        return string.Create(CultureInfo.InvariantCulture, $"seed {train.Seed}, {cap}");
    }

    private static string Deviations(string configPath)
    {
        var config = PipelineRunner.Load(configPath);
        if (config.Train.Config is not { ValueKind: JsonValueKind.Object } c || !c.EnumerateObject().Any()) return "none";
        return string.Join(", ", c.EnumerateObject().Select(p => $"`{p.Name}` = `{p.Value.GetRawText()}`"));
    }

    private static string Behaviour(AnalysisResults a)
    {
        var primary = a.Behaviour.Where(b => b.Perturbation == a.Control && b.Curve == TaskAxes.PrimaryCurve).ToArray();
        var scored = primary.Where(b => double.IsFinite(b.PCorrect)).ToArray();
        string text = scored.Length == 0 ? "no scored condition"
            : $"{100 * scored.Sum(b => b.PCorrect * b.N) / scored.Sum(b => b.N):F1} % correct over {scored.Sum(b => b.N):N0} scored trials (catch and zero-evidence trials excluded)";
        var fit = a.PsychometricFits.FirstOrDefault(f => f.Perturbation == a.Control && f.Curve == TaskAxes.PrimaryCurve);
        if (fit is not null) text += $"; psychometric fit μ = {fit.Mu:G3} [{fit.MuLo:G3}, {fit.MuHi:G3}], σ = {fit.Sigma:G3} [{fit.SigmaLo:G3}, {fit.SigmaHi:G3}] ({a.Axes.StimulusLabel})";
        long diverged = a.DivergedTrials.Sum(d => d.Diverged);
        return text + $"; {diverged} diverged trial(s).";
    }
}
