using System.Text.Json;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Onnx.Reading;
using EiRnn.Simulation.Sweeps;

namespace EiRnn.Simulation.Runs;

/// <summary>
/// The dt a run uses when it is not told one. This project's networks are tested at 0.5 ms (docs/model.md#euler-discretisation); an
/// imported network runs at its own dt, and a discrete-time network (α = dt/τ = 1 for every unit, e.g. an
/// imported torch.nn.RNN) only at that dt: at any other dt it would be a different network
/// (docs/import-export.md#the-dt-of-an-imported-model).
/// </summary>
public static class ModelDt
{
    public const float ProjectDefaultMs = 0.5f, ProjectDefaultSaveMs = 10f;

    public static bool IsDiscreteTime(NetworkSpec s) => s.Arch == NetworkArch.EiRnn && s.TauMs.All(t => t == s.DtTrainMs);

    /// <summary>The default dt and, when it is not the project's, a note saying why.</summary>
    public static (float DtMs, string? Note) Default(ModelFile file)
    {
        var s = file.Network.Spec;
        if (IsDiscreteTime(s)) return (s.DtTrainMs, $"dt {s.DtTrainMs} ms: the model is discrete-time (alpha = 1) and runs only at its own dt");
        if (file.Network.Training.Import is not null) return (s.DtTrainMs, $"dt {s.DtTrainMs} ms: the imported model's own dt (--dt or the sweep spec's dt_ms overrides)");
        return (ProjectDefaultMs, null);
    }

    /// <summary>The save spacing nearest 10 ms that is a multiple of dt.</summary>
    public static float DefaultSaveMs(float dtMs) => dtMs * MathF.Max(1, MathF.Ceiling(ProjectDefaultSaveMs / dtMs - 1e-4f));

    /// <exception cref="SimulationException">A discrete-time model asked to run at another dt.</exception>
    public static void Check(ModelFile file, double dtMs, string field)
    {
        var s = file.Network.Spec;
        if (IsDiscreteTime(s) && Math.Abs(dtMs - s.DtTrainMs) > 1e-6 * s.DtTrainMs)
            throw new SimulationException($"{field}: the model is a discrete-time network (alpha = dt/tau = 1 at its dt of {s.DtTrainMs} ms); " +
                                          $"it runs only at dt = {s.DtTrainMs} ms, not {dtMs} ms");
    }

    /// <summary>A sweep spec without dt_ms (and dt_save_ms) takes the model's default dt; returns the spec to run and a note.</summary>
    public static (SweepSpec Spec, string? Note) ForSweep(SweepSpec spec, string specPath, ModelFile file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(specPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        bool hasDt = doc.RootElement.TryGetProperty("dt_ms", out _), hasSave = doc.RootElement.TryGetProperty("dt_save_ms", out _);
        if (!hasDt)
        {
            var (dt, note) = Default(file);
            if (note is not null)
            {
                spec = spec with { DtMs = dt, DtSaveMs = hasSave ? spec.DtSaveMs : DefaultSaveMs(dt) };
                Check(file, spec.DtMs, "dt_ms");
                return (spec, note);
            }
        }
        Check(file, spec.DtMs, "dt_ms");
        return (spec, null);
    }
}
