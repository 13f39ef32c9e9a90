using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training.Tests;

/// <summary>Proves the patched libLibTorchSharp.so loads on this machine and autograd runs.</summary>
[TestClass]
public sealed class NativeLibraryTests
{
    [TestMethod]
    public void TensorOpAndAutogradRun()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1.0, 2.0, 3.0 }, dtype: float64).requires_grad_(true);
        var y = (x * x).sum();        // y = Σ x², dy/dx = 2x
        y.backward();
        Assert.AreEqual(14.0, y.item<double>(), 1e-12);
        CollectionAssert.AreEqual(new[] { 2.0, 4.0, 6.0 }, x.grad!.data<double>().ToArray());
    }
}
