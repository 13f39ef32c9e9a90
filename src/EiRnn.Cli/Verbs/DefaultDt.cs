using EiRnn.Core.Config;
using EiRnn.Onnx.Reading;
using EiRnn.Simulation.Runs;
using EiRnn.Simulation.Sweeps;

namespace EiRnn.Cli.Verbs;

/// <summary>
/// simulate's and sweep's dt when not given: 0.5 ms for this project's networks, the model's own for an imported
/// or discrete-time one (ModelDt); the choice is printed on stderr so that --print-config output stays JSON.
/// </summary>
internal static class DefaultDt
{
    public static (float DtMs, float DtSaveMs) ForSimulate(string modelPath, float? dtMs, float? dtSaveMs)
    {
        if (dtMs is { } given) return (given, dtSaveMs ?? ModelDt.ProjectDefaultSaveMs);
        if (!File.Exists(modelPath)) return (ModelDt.ProjectDefaultMs, dtSaveMs ?? ModelDt.ProjectDefaultSaveMs); // the run names the missing file
        var (dt, note) = ModelDt.Default(ModelReader.Read(modelPath));
        if (note is not null) Console.Error.WriteLine($"note: {note}");
        return (dt, dtSaveMs ?? (note is null ? ModelDt.ProjectDefaultSaveMs : ModelDt.DefaultSaveMs(dt)));
    }

    public static void NoteForSweep(SweepRequest request)
    {
        if (!File.Exists(request.ModelPath) || !File.Exists(request.SpecPath)) return;
        var (_, note) = ModelDt.ForSweep(JsonConfig.Load<SweepSpec>(request.SpecPath), request.SpecPath, ModelReader.Read(request.ModelPath));
        if (note is not null) Console.Error.WriteLine($"note: {note}");
    }
}
