using EiRnn.Core.Errors;
using EiRnn.Data.Tables;

namespace EiRnn.Data.Tests;

[TestClass]
public sealed class ResultTableTests
{
    [TestMethod]
    public async Task EveryColumnTypeRoundTrips()
    {
        using var tmp = new TempFolder();
        var table = new ResultTable("fits",
        [
            ResultColumn.Of("label", ["a", "b", "ü"]), ResultColumn.Of("mu", [1.5, double.NaN, -2]),
            ResultColumn.Of("n", [1, 2, 3]), ResultColumn.Of("trial", [10L, long.MaxValue, -1]), ResultColumn.Of("ok", [true, false, true]),
        ]);
        string path = await ResultTableWriter.WriteAsync(tmp.Path, table);
        Assert.AreEqual(Path.Combine(tmp.Path, "fits.parquet"), path);
        CollectionAssert.AreEqual(new[] { "fits.parquet" }, tmp.Files(), "no temporary file left");

        var back = await ResultTableReader.ReadAsync(path);
        Assert.AreEqual(3, back.Rows);
        CollectionAssert.AreEqual(new[] { "label", "mu", "n", "trial", "ok" }, back.Columns.Select(c => c.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "a", "b", "ü" }, back["label"].Strings);
        CollectionAssert.AreEqual(new[] { 1.5, double.NaN, -2 }, back["mu"].Doubles);
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, back["n"].Ints);
        CollectionAssert.AreEqual(new[] { 10L, long.MaxValue, -1 }, back["trial"].Longs);
        CollectionAssert.AreEqual(new[] { true, false, true }, back["ok"].Bools);
    }

    [TestMethod]
    public void RaggedOrDuplicateColumnsAreRejected()
    {
        Assert.ThrowsExactly<DatasetException>(() => new ResultTable("t", [ResultColumn.Of("a", [1.0, 2]), ResultColumn.Of("b", [1])]));
        Assert.ThrowsExactly<DatasetException>(() => new ResultTable("t", [ResultColumn.Of("a", [1.0]), ResultColumn.Of("a", [1])]));
        Assert.ThrowsExactly<DatasetException>(() => new ResultTable("../t", [ResultColumn.Of("a", [1.0])]));
        Assert.ThrowsExactly<DatasetException>(() => new ResultTable("t", [ResultColumn.Of("a", [1.0])])["missing"]);
    }
}
