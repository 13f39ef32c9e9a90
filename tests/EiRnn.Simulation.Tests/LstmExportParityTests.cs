using EiRnn.Core.Checkpoints;
using EiRnn.Core.Config;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Onnx.Export;
using EiRnn.Onnx.Reading;
using EiRnn.Tasks.Library;
using EiRnn.TestSupport;
using EiRnn.Training;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using static TorchSharp.torch;

namespace EiRnn.Simulation.Tests;

/// <summary>
/// An LSTM trained through the trainer, checkpointed and exported the LibTorch-free way (checkpoint arrays →
/// plain C# → model.onnx), run with ONNX Runtime, against the TorchSharp forward pass of the trained module and
/// the float64 loop of docs/model.md#lstm-baseline (TestSupport ReferenceLstm): |a − b| ≤ 1e-5·(1 + |b|) for z, h, h_last and c_last.
/// </summary>
[TestClass]
public sealed class LstmExportParityTests
{
    [TestMethod]
    public void TrainedLstmFileMatchesTorchSharpAndAFloat64Loop()
    {
        var task = new RdmFixedTask();
        var config = TrainConfigResolver.Defaults(task.Description, Core.Network.Preset.Psychrnn, NetworkArch.Lstm) with
        {
            Task = "rdm-fixed", Network = new LstmNetworkConfig { N = 9 }, DtMs = 50, BatchSize = 4, ValidationTrials = 11, ValidationEvery = 10, Seed = 3, LearningRate = 0.02,
        };
        using var trainer = Trainer.Start(config, task);
        trainer.Validate();
        for (int i = 0; i < 15; i++) trainer.Step();
        trainer.Validate();
        string dir = Path.Combine(Path.GetTempPath(), $"eirnn-lstm-parity-{Guid.NewGuid():N}");
        byte[] model;
        try
        {
            trainer.CreateCheckpoint(best: false, false, 0).Write(dir);
            model = ModelExporter.Export(CheckpointWeights.ToTrainedNetwork(Checkpoint.Read(dir)));
        }
        finally { Directory.Delete(dir, recursive: true); }
        var network = ModelReader.Read(model, "lstm.onnx").Network;
        var w = network.Lstm!;
        int n = network.Spec.N, nin = network.Spec.Nin;
        const int batch = 3, steps = 60;

        // Task-like inputs (evidence around 0.5) and the trained initial states for every trial.
        var rng = new RandomStream(21);
        var u = new float[batch * steps * nin];
        for (int k = 0; k < u.Length; k++) u[k] = (float)rng.Uniform(0, 1);
        float[] Tile(float[] v) => Enumerable.Range(0, batch).SelectMany(_ => v).ToArray();
        float[] hInit = Tile(w.HInit), cInit = Tile(w.CInit);

        using var session = new InferenceSession(model);
        using var results = session.Run(
        [
            NamedOnnxValue.CreateFromTensor("u", new DenseTensor<float>(u, [batch, steps, nin])),
            NamedOnnxValue.CreateFromTensor("h_init", new DenseTensor<float>(hInit, [batch, n])),
            NamedOnnxValue.CreateFromTensor("c_init", new DenseTensor<float>(cInit, [batch, n])),
        ]);
        float[] Ort(string name) => results.First(r => r.Name == name).AsTensor<float>().ToArray();

        float[] zTorch, hTorch, hLastTorch, cLastTorch;
        using (var scope = NewDisposeScope())
        using (var noGrad = no_grad())
        {
            // The trained module itself, with its own h_0, c_0 (not the exported copies).
            var (z, h, hLast, cLast) = trainer.Lstm.Forward(tensor(u, [batch, steps, nin]));
            (zTorch, hTorch, hLastTorch, cLastTorch) = (z.data<float>().ToArray(), h.data<float>().ToArray(),
                hLast.contiguous().data<float>().ToArray(), cLast.contiguous().data<float>().ToArray());
        }

        var reference = ReferenceLstm.Run(w, u, hInit, cInit, batch, steps);
        Same("ORT z vs float64 loop", Ort("z"), reference.Z);
        Same("ORT h vs float64 loop", Ort("h"), reference.H);
        Same("ORT h_last vs float64 loop", Ort("h_last"), reference.HLast);
        Same("ORT c_last vs float64 loop", Ort("c_last"), reference.CLast);
        Same("TorchSharp z vs float64 loop", zTorch, reference.Z);
        Same("TorchSharp c_last vs float64 loop", cLastTorch, reference.CLast);
        Same("ORT z vs TorchSharp", Ort("z"), Doubles(zTorch));
        Same("ORT h vs TorchSharp", Ort("h"), Doubles(hTorch));
        Same("ORT h_last vs TorchSharp", Ort("h_last"), Doubles(hLastTorch));
        Same("ORT c_last vs TorchSharp", Ort("c_last"), Doubles(cLastTorch));
        // Not vacuous: the outputs move over time and training moved the weights off their initial values.
        Assert.IsGreaterThan(0.05, reference.Z.Max() - reference.Z.Min());
        Assert.IsFalse(w.BForget.All(b => b == 1f), "gate biases start at 1 and training moved them");
    }

    private static double[] Doubles(float[] a) => a.Select(v => (double)v).ToArray();

    private static void Same(string what, float[] actual, double[] expected)
    {
        var (ok, worst, at) = ReferenceEuler.Compare(actual, expected);
        Assert.IsTrue(ok, $"{what}: worst |a-b| = {worst:E3} at {at}");
    }
}
