using EiRnn.Interop.Numpy;
using EiRnn.Interop.Pickle;
using EiRnn.Interop.Tests.Support;

namespace EiRnn.Interop.Tests;

/// <summary>The scanner reads NumPy's pickles of 0-d object arrays without running them.</summary>
[TestClass]
public sealed class PickleScannerTests
{
    private static PickledElement ElementOf(string file, string key)
    {
        var member = (PickledMember)NpzArchive.Read(Fixtures.Path(file)).Members[key];
        return PickledElement.OfObjectArray(PickleScanner.Scan(member.Pickle));
    }

    [TestMethod]
    public void DaleRatioFloatIsTheElementOfTheFinalBuildNotTheDtypesNones()
    {
        // The dtype's state (3, '|', None, None, None, -1, -1, 63) comes first in the stream: a reader taking the
        // first NONE would read None here.
        Assert.AreEqual(new PickledElement.Number(4.0 / 6), ElementOf("psychrnn_dale.npz", "dale_ratio"));
    }

    [TestMethod]
    public void DaleRatioNoneIsNone() => Assert.IsInstanceOfType<PickledElement.None>(ElementOf("psychrnn_nondale.npz", "dale_ratio"));

    [TestMethod]
    public void TransferFunctionIsAGlobalReference() =>
        Assert.AreEqual(new PickledElement.Function("tensorflow.python.ops.gen_nn_ops", "relu"), ElementOf("psychrnn_dale.npz", "transfer_function"));

    [TestMethod]
    public void StackGlobalAndNumPy2ModuleNamesAreRead()
    {
        // Protocol 4 (STACK_GLOBAL, MEMOIZE, FRAME) as NumPy 2 writes it: numpy._core.multiarray._reconstruct,
        // with the element tf.nn.tanh; written by hand from the opcode table.
        var p = new List<byte> { 0x80, 4, 0x95 };
        p.AddRange(new byte[8]);
        void Str(string s) { var b = System.Text.Encoding.UTF8.GetBytes(s); p.Add(0x8c); p.Add((byte)b.Length); p.AddRange(b); p.Add(0x94); }
        Str("numpy._core.multiarray"); Str("_reconstruct"); p.Add(0x93); p.Add(0x94);
        Str("numpy"); Str("ndarray"); p.Add(0x93); p.Add(0x94);
        p.AddRange([(byte)'K', 0, 0x85, (byte)'C', 1, (byte)'b', 0x87, (byte)'R']);
        p.Add((byte)'(');
        p.AddRange([(byte)'K', 1, (byte)')']);
        Str("numpy"); Str("dtype"); p.Add(0x93);
        Str("O8"); p.AddRange([0x89, 0x88, 0x87, (byte)'R', (byte)'(', (byte)'K', 3]); Str("|");
        p.AddRange([(byte)'N', (byte)'N', (byte)'N', (byte)'J', 255, 255, 255, 255, (byte)'J', 255, 255, 255, 255, (byte)'K', 63, (byte)'t', (byte)'b']);
        p.AddRange([0x89, (byte)']']);
        Str("tf.nn"); Str("tanh"); p.Add(0x93);
        p.AddRange([(byte)'a', (byte)'t', (byte)'b', (byte)'.']);
        Assert.AreEqual(new PickledElement.Function("tf.nn", "tanh"), PickledElement.OfObjectArray(PickleScanner.Scan(p.ToArray())));
    }

    [TestMethod]
    public void TruncatedOrPersistentPicklesAreRefusedNotRun()
    {
        Assert.ThrowsExactly<PickleFormatException>(() => PickleScanner.Scan([0x80, 3, (byte)'N']));
        Assert.ThrowsExactly<PickleFormatException>(() => PickleScanner.Scan([0x80, 3, (byte)'N', (byte)'Q', (byte)'.']));
    }
}
