using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Simulation.Sweeps;
using EiRnn.Tasks.Library;

namespace EiRnn.Simulation.Tests.Sweeps;

[TestClass]
public sealed class SweepPlanTests
{
    internal static NetworkSpec Network(int n = 10) => new()
    {
        N = n, Nin = 2, Nout = 2, Dale = true,
        UnitTypes = NetworkSpec.FirstExcitatory(n, 0.8),
        UnitAreas = Enumerable.Range(0, n).Select(i => i < n / 2 ? "sensory" : "motor").ToArray(),
        UnitInputGroups = NetworkSpec.Repeat("", n), TauMs = NetworkSpec.Repeat(100f, n),
        U0 = [0.2f, 0.2f], DtTrainMs = 20, InputNames = ["evidence-choice1", "evidence-choice2"], OutputNames = ["choice1", "choice2"],
    };

    private static SweepPlan Plan(string json) => SweepPlan.Create(JsonConfig.Parse<SweepSpec>(json), Network(), new RdmFixedTask());

    [TestMethod]
    public void ExpandsGridsAndNumbersTrialsUniquely()
    {
        var plan = Plan("""
            { "trials_per_condition": 25, "trials_per_unit": 10, "seeds": [1, 2],
              "perturbations": [
                { "id": "ei", "weight_scales": [ { "block": "E->I", "factor": [0.5, 1.5] } ] },
                { "id": "stim", "stimulations": [ { "population": { "type": "E" }, "current": [0.1, 0.2, 0.3], "window": { "period": "stimulus" } } ],
                  "noise_scale": { "recurrent": [1, 2] } } ] }
            """);
        // control + 2 + 3x2 perturbations; 11 conditions; 2 seeds; ceil(25/10) = 3 blocks per condition.
        Assert.AreEqual(9, plan.Perturbations.Count);
        Assert.AreEqual(9 * 2 * 11 * 3, plan.Units.Count);
        Assert.AreEqual(9L * 2 * 11 * 25, plan.TotalTrials);
        CollectionAssert.Contains(plan.Perturbations.Select(p => p.Id).ToList(), "stim_current-0.2_recurrent-2");
        var ids = plan.Units.SelectMany(u => Enumerable.Range(0, u.Count).Select(k => u.FirstTrialId + k)).ToList();
        Assert.AreEqual(ids.Count, ids.Distinct().Count());
        Assert.AreEqual(0, ids.Min()); Assert.AreEqual(plan.TotalTrials - 1, ids.Max());
        Assert.AreEqual(5, plan.Units[^1].Count); // the last block of 25 is 20..24
    }

    [TestMethod]
    public void NoiseIsSharedAcrossPerturbationsButNotAcrossSeedsOrRepetitions()
    {
        var plan = Plan("""{ "trials_per_condition": 4, "seeds": [1, 2], "perturbations": [ { "id": "x", "weight_scales": [ { "block": "output", "factor": 0 } ] } ] }""");
        var control = plan.Units.First(u => u.PerturbationIndex == 0 && u.SeedIndex == 0 && u.ConditionIndex == 3);
        var perturbed = plan.Units.First(u => u.PerturbationIndex == 1 && u.SeedIndex == 0 && u.ConditionIndex == 3);
        var otherSeed = plan.Units.First(u => u.PerturbationIndex == 0 && u.SeedIndex == 1 && u.ConditionIndex == 3);
        Assert.AreEqual(control.NoiseSeed(2), perturbed.NoiseSeed(2));
        Assert.AreNotEqual(control.NoiseSeed(2), otherSeed.NoiseSeed(2));
        Assert.AreNotEqual(control.NoiseSeed(1), control.NoiseSeed(2));
    }

    [TestMethod]
    public void BlockScalingTouchesOnlyThatBlock()
    {
        var plan = Plan("""{ "include_control": false, "perturbations": [ { "id": "ei", "weight_scales": [ { "block": "E->I", "factor": 0.5 } ] } ] }""");
        var m = plan.Perturbations[0].RecurrentMultiplier!;
        var types = Network().UnitTypes;
        for (int post = 0; post < 10; post++)
            for (int pre = 0; pre < 10; pre++)
            {
                bool block = types[pre] == UnitType.Excitatory && types[post] == UnitType.Inhibitory;
                Assert.AreEqual(block ? 0.5f : 1f, m[post * 10 + pre], $"post {post} pre {pre}");
            }
    }

    [TestMethod]
    public void FractionOfPopulationIsSeededAndReproducible()
    {
        string json = """{ "include_control": false, "perturbations": [ { "id": "half", "lesions": [ { "population": { "type": "E", "fraction": 0.5, "fraction_seed": 7 } } ] } ] }""";
        var a = Plan(json).Perturbations[0].RateLesions[0].Units;
        var b = Plan(json).Perturbations[0].RateLesions[0].Units;
        CollectionAssert.AreEqual(a.ToList(), b.ToList());
        Assert.AreEqual(4, a.Count); // round(0.5 * 8 E units)
        Assert.IsTrue(a.All(u => u < 8));
    }

    [TestMethod]
    [DataRow("""{ "perturbations": [ { "id": "x", "lesions": [ { "population": { "type": "X" } } ] } ] }""", "perturbations[0].lesions[0].population.type")]
    [DataRow("""{ "perturbations": [ { "id": "x", "stimulations": [ { "population": { "type": "E" }, "current": 1, "window": { "start_ms": 100, "end_ms": 99999 } } ] } ] }""", "perturbations[0].stimulations[0].window")]
    [DataRow("""{ "perturbations": [ { "id": "x", "weight_scales": [ { "block": "E->I", "factor": -0.5 } ] } ] }""", "perturbations[0].weight_scales[0].factor")]
    [DataRow("""{ "perturbations": [ { "id": "x", "weight_scales": [ { "block": "E->I", "factr": 0.5 } ] } ] }""", "perturbations[0].weight_scales[0].factr")]
    [DataRow("""{ "perturbations": [ { "id": "x", "lesions": [ { "population": { "area": "nowhere" } } ] } ] }""", "perturbations[0].lesions[0].population.area")]
    [DataRow("""{ "perturbations": [ { "id": "x", "stimulations": [ { "population": { "type": "I" }, "current": 1, "window": { "period": "delay" } } ] } ] }""", "perturbations[0].stimulations[0].window.period")]
    [DataRow("""{ "trials_per_condition": 0 }""", "trials_per_condition")]
    [DataRow("""{ "dt_ms": 0.5, "dt_save_ms": 0.7 }""", "dt_save_ms")]
    [DataRow("""{ "perturbations": [ { "id": "control" } ] }""", "perturbations[0].id")]
    public void BadSpecNamesTheField(string json, string field)
    {
        var e = Assert.ThrowsExactly<ConfigException>(() => Plan(json));
        Assert.AreEqual(field, e.Field, e.Message);
    }
}
