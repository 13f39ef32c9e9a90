using EiRnn.Core.Errors;
using EiRnn.Interop.PsychRnn;
using EiRnn.Interop.Tests.Support;

namespace EiRnn.Interop.Tests;

/// <summary>Each damaged weights file fails with a ModelFileException (exit 2) whose one line names the file and the array.</summary>
[TestClass]
public sealed class DamagedWeightsTests
{
    [TestMethod]
    [DataRow("damaged_missing.npz", "array 'b_rec' is missing")]
    [DataRow("damaged_shape.npz", "array 'W_out' has shape [2, 4], expected [any, 5]")]
    [DataRow("damaged_nan.npz", "array 'W_rec'[2, 3] is NaN (not finite)")]
    [DataRow("damaged_pickled_number.npz", "array 'b_out' is a pickled object array where numbers are needed")]
    [DataRow("damaged_dale_ratio.npz", "array 'dale_ratio' holds a pickled string where None or a number is needed")]
    [DataRow("damaged_header.npz", "array 'W_rec': header says shape [5, 5] of <f4 (100 bytes) but the member holds 60 data bytes")]
    [DataRow("damaged_truncated.npz", "not a readable .npz (zip) file")]
    public void DamagedFileNamesTheArrayInOneLine(string file, string expected)
    {
        string path = Fixtures.Path(file);
        var e = Assert.ThrowsExactly<ModelFileException>(() => PsychRnnImporter.Import(path, new PsychRnnImportOptions { DtMs = 20, TauMs = 100 }));
        StringAssert.Contains(e.Message, expected);
        StringAssert.StartsWith(e.Message, path + ": ");
        Assert.IsFalse(e.Message.Contains('\n'), $"one line: {e.Message}");
    }

    [TestMethod]
    public void DaleViolationsAreListedAndRefusedUnlessAllowed()
    {
        // Flip one recurrent weight of an inhibitory column (unit 0) to positive in a copy of the Dale fixture.
        var archive = Numpy.NpzArchive.Read(Fixtures.Path("psychrnn_dale.npz"));
        var arrays = archive.Members.Values.OfType<Numpy.NumericMember>().ToDictionary(m => m.Name, m => m.Array);
        var wRec = arrays["W_rec"];
        var changed = wRec.Values.ToArray();
        changed[1 * 6 + 0] = 0.5; // W_rec[1, 0]: from inhibitory unit 0
        var bytes = Numpy.NpzWriter.Write(arrays.Values.Select(a => a.Name == "W_rec" ? a with { Values = changed } : a)
            .Append(Numpy.NpyArray.Of("dale_ratio", [4.0 / 6])).ToList());
        var options = new PsychRnnImportOptions { DtMs = 10, TauMs = 100 };
        var e = Assert.ThrowsExactly<ModelFileException>(() => PsychRnnImporter.Import(bytes, "violating.npz", options));
        StringAssert.Contains(e.Message, "array 'W_rec'[1, 0] = 0.5 has the wrong sign for inhibitory unit 0");
        var imported = PsychRnnImporter.Import(bytes, "violating.npz", options with { AllowDaleViolations = true });
        StringAssert.Contains(string.Join("\n", imported.Notes), "1 weights break Dale's law");
    }
}
