using EiRnn.Data.Reading;
using EiRnn.Data.Writing;
using EiRnn.Tasks.Contract;

namespace EiRnn.Data.Tests;

[TestClass]
public sealed class RoundTripTests
{
    // Tiny row groups so that chunks straddle row-group boundaries and files hold several row groups.
    private static readonly DatasetWriterOptions SmallGroups = new() { TrialRowsPerRowGroup = 4, TimeseriesBytesPerRowGroup = 500 };

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public async Task TrialsReadBackEqualTheHandBuiltInput(bool saveR)
    {
        using var dir = new TempFolder();
        var manifest = SampleData.Manifest(saveR);
        await using (var writer = DatasetWriter.Open(dir.Path, manifest, ShardId.Single, SmallGroups))
        {
            await using var unit = await writer.BeginUnitAsync(new WorkUnit(0, "control"));
            await unit.AppendAsync(SampleData.Chunk(1, 5, saveR));   // trials 1..5
            await unit.AppendAsync(SampleData.Chunk(6, 4, saveR));   // trials 6..9
            await unit.CompleteAsync();
        }

        var reader = DatasetReader.Open(dir.Path);
        var rows = await reader.ReadTrialsAsync("control").ToListAsync();
        CollectionAssert.AreEqual(Enumerable.Range(1, 9).Select(i => (long)i).ToArray(), rows.Select(r => r.Trial).ToArray());
        foreach (var row in rows)
        {
            long t = row.Trial;
            Assert.AreEqual(1000 + t, row.Seed);
            var c = SampleData.ConditionOf(t);
            Assert.AreEqual(c.Code, row.Conditions.Int32("code"), $"trial {t} code");
            Assert.AreEqual(c.Coherence, row.Conditions.Double("coherence"), $"trial {t} coherence");
            Assert.AreEqual(c.Modality, row.Conditions.String("modality"), $"trial {t} modality");
            Assert.AreEqual(c.Catch, row.Conditions.Bool("catch"), $"trial {t} catch");
            Assert.AreEqual(SampleData.OutcomeOf(t), row.Outcome, $"trial {t} outcome");
            CollectionAssert.AreEqual(SampleData.PeriodsOf(t).ToArray(), row.Periods.ToArray(), $"trial {t} periods");
        }
        // Spot values written by hand, not by the rule above: trial 3 is a catch trial, trial 7 has no rt.
        Assert.IsNull(rows[2].Conditions.Int32("code"));
        Assert.IsNull(rows[2].Outcome.Choice);
        Assert.AreEqual(1, rows[2].Periods.Count);
        Assert.IsNull(rows[6].Outcome.RtMs);
        Assert.AreEqual(-1.45, rows[6].Conditions.Double("coherence")!.Value, 1e-12);   // 7 * 0.25 - 3.2
        Assert.AreEqual("auditory", rows[6].Conditions.String("modality"));

        var blocks = await reader.ReadTimeseriesAsync("control").ToListAsync();
        Assert.IsGreaterThan(1, blocks.Count, "the small budget must give several row groups");
        var ids = blocks.SelectMany(b => b.Trial).ToArray();
        CollectionAssert.AreEqual(Enumerable.Range(1, 9).Select(i => (long)i).ToArray(), ids);
        foreach (var block in blocks)
            for (int i = 0; i < block.Count; i++)
            {
                long t = block.Trial[i];
                var z = block.ZOf(i).ToArray();
                Assert.HasCount(SampleData.TSave * SampleData.Nout, z);
                for (int k = 0; k < SampleData.TSave; k++)
                    for (int o = 0; o < SampleData.Nout; o++)
                        Assert.AreEqual(SampleData.ZOf(t, k, o), z[k * SampleData.Nout + o], $"z trial {t} t {k} o {o}");
                if (saveR)
                {
                    var r = block.ROf(i).ToArray();
                    for (int k = 0; k < SampleData.TSave; k++)
                        for (int u = 0; u < SampleData.N; u++)
                            Assert.AreEqual(SampleData.ROf(t, k, u), r[k * SampleData.N + u], $"r trial {t} t {k} u {u}");
                }
                else Assert.IsNull(block.R);
            }
        // Trial 2, sample 1, output 1 by hand: 2*1000 + 1*10 + 1.
        var second = blocks.First(b => b.Trial.Contains(2L));
        Assert.AreEqual(2011f, second.ZOf(Array.IndexOf(second.Trial, 2L))[1 * SampleData.Nout + 1]);
    }

    [TestMethod]
    public async Task TimeseriesWithoutRRequestedSkipsR()
    {
        using var dir = new TempFolder();
        await using (var writer = DatasetWriter.Open(dir.Path, SampleData.Manifest(saveR: true), ShardId.Single))
            await SampleData.WriteUnitsAsync(writer, [0], 3);
        var reader = DatasetReader.Open(dir.Path);
        var blocks = await reader.ReadTimeseriesAsync("control", includeR: false).ToListAsync();
        Assert.IsNull(blocks.Single().R);
        Assert.AreEqual(3, blocks.Single().Count);
    }

    [TestMethod]
    public async Task UnitsTableRoundTrips()
    {
        using var dir = new TempFolder();
        UnitRow[] units =
        [
            new(0, Core.Network.UnitType.Excitatory, "sensory", "visual", 100),
            new(1, Core.Network.UnitType.Excitatory, "motor", "", 50.5),
            new(2, Core.Network.UnitType.Inhibitory, "sensory", "auditory", 100),
            new(3, Core.Network.UnitType.Inhibitory, "motor", "", 25),
        ];
        await using (var writer = DatasetWriter.Open(dir.Path, SampleData.Manifest(saveR: false), ShardId.Single))
            await writer.WriteUnitsAsync(units);
        var back = await DatasetReader.Open(dir.Path).ReadUnitsAsync();
        CollectionAssert.AreEqual(units, back.ToArray());
        Assert.AreEqual("I", back[3].TypeCode);
    }

    [TestMethod]
    public async Task ConditionsReplayInColumnOrder()
    {
        using var dir = new TempFolder();
        await using (var writer = DatasetWriter.Open(dir.Path, SampleData.Manifest(saveR: false), ShardId.Single))
            await SampleData.WriteUnitsAsync(writer, [0], 2);
        var row = await DatasetReader.Open(dir.Path).ReadTrialsAsync("control").FirstAsync();
        var log = new RecordingWriter();
        row.Conditions.Write(log);
        // Trial 0 is a catch trial: all values null but 'catch' itself.
        CollectionAssert.AreEqual(new[] { "code=", "coherence=", "modality=", "catch=True" }, log.Entries);
        Assert.ThrowsExactly<Core.Errors.DatasetException>(() => row.Conditions.Double("code"));
        Assert.ThrowsExactly<Core.Errors.DatasetException>(() => row.Conditions.Int32("no_such_column"));
    }

    private sealed class RecordingWriter : IConditionWriter
    {
        public List<string> Entries { get; } = [];
        public void Int32(string name, int? value) => Entries.Add($"{name}={value}");
        public void Double(string name, double? value) => Entries.Add($"{name}={value}");
        public void String(string name, string? value) => Entries.Add($"{name}={value}");
        public void Bool(string name, bool? value) => Entries.Add($"{name}={value}");
    }
}
