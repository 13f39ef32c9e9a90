using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Simulation.Sweeps;
using EiRnn.Tasks.Library;

namespace EiRnn.Simulation.Tests.Sweeps;

[TestClass]
public sealed class ShardSelectionTests
{
    private static Func<string, string?> Env(params (string, string)[] vars) => name => vars.FirstOrDefault(v => v.Item1 == name).Item2;

    [TestMethod]
    public void SlurmArrayWithOffsetAndStep()
    {
        // --array=1-5:2 gives task ids 1, 3, 5 -> shards 0, 1, 2 of 3.
        foreach (var (id, expected) in new[] { ("1", 0), ("3", 1), ("5", 2) })
        {
            var s = ShardSelection.Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", id), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_STEP", "2"), ("SLURM_ARRAY_TASK_COUNT", "3")));
            Assert.AreEqual(new ShardSelection(expected, 3, "slurm array"), s);
        }
    }

    [TestMethod]
    public void KubernetesIndexedJobTakesCountFromFlagOrEnvironment()
    {
        Assert.AreEqual((4, 10), Pair(ShardSelection.Resolve(null, 10, Env(("JOB_COMPLETION_INDEX", "4")))));
        Assert.AreEqual((4, 8), Pair(ShardSelection.Resolve(null, null, Env(("JOB_COMPLETION_INDEX", "4"), ("EIRNN_SHARD_COUNT", "8")))));
        var e = Assert.ThrowsExactly<ConfigException>(() => ShardSelection.Resolve(null, null, Env(("JOB_COMPLETION_INDEX", "4"))));
        Assert.AreEqual("EIRNN_SHARD_COUNT", e.Field);
    }

    [TestMethod]
    public void ExplicitFlagsWinAndAreChecked()
    {
        Assert.AreEqual((1, 2), Pair(ShardSelection.Resolve(1, 2, Env(("SLURM_ARRAY_TASK_ID", "7")))));
        Assert.ThrowsExactly<ConfigException>(() => ShardSelection.Resolve(2, 2, Env()));
        Assert.AreEqual(ShardSelection.Whole, ShardSelection.Resolve(null, null, Env()));
    }

    [TestMethod]
    public void ShardsPartitionTheUnits()
    {
        var plan = SweepPlan.Create(JsonConfig.Parse<SweepSpec>("""{ "trials_per_condition": 30, "trials_per_unit": 7 }"""), SweepPlanTests.Network(), new RdmFixedTask());
        var shards = Enumerable.Range(0, 3).Select(i => plan.UnitsOf(new ShardSelection(i, 3, "test")).Select(u => u.Index).ToList()).ToList();
        var union = shards.SelectMany(s => s).Order().ToList();
        CollectionAssert.AreEqual(Enumerable.Range(0, plan.Units.Count).ToList(), union);
    }

    private static (int, int) Pair(ShardSelection s) => (s.Index, s.Count);
}
