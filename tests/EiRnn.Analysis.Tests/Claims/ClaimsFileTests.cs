using EiRnn.Analysis.Claims;
using EiRnn.Analysis.Statistics;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;

namespace EiRnn.Analysis.Tests.Claims;

[TestClass]
public sealed class ClaimsFileTests
{
    [TestMethod]
    public void CommittedClaimsFileCoversEveryHeadlineTask()
    {
        var file = ClaimHarness.Committed();
        foreach (string task in new[] { "rdm-fixed", "rdm-variable", "rdm-rt", "mante", "multisensory", "romo", "sequence" })
        {
            Assert.IsNotEmpty(file.ClaimsOf(task), task);
            Assert.IsNotNull(file.TestSetOf(task), task);
        }
        var orphans = file.Claims.Where(c => file.TestSetOf(c.Task) is null).Select(c => c.Id).ToArray();
        Assert.IsEmpty(orphans, "every claim's task has a test set");
    }

    [TestMethod]
    public void ErrorsNameTheKeyPathAndTheAllowedValues()
    {
        const string head = """{ "source": "s", "test_sets": [], "claims": [ { "id": "a", "task": "t", "statement": "s", "reason": "r", """;
        var e = Assert.Throws<ConfigException>(() => JsonConfig.Parse<ClaimsFile>(head +
            """ "measure": { "kind": "tuned_fraction", "factor": "third", "window": "memory" }, "threshold": { "op": "at_least", "value": 1 } } ] }""").Validated());
        StringAssert.Contains(e.Message, "claims[0].measure.factor");
        StringAssert.Contains(e.Message, "first, second, opposite_sign");
        e = Assert.Throws<ConfigException>(() => JsonConfig.Parse<ClaimsFile>(head +
            """ "measure": { "kind": "psychometric_fit_r2" }, "threshold": { "op": "within", "value": 1 } } ] }""").Validated());
        StringAssert.Contains(e.Message, "claims[0].threshold");
    }

    [TestMethod]
    public void ThresholdRulesOnEstimateAndInterval()
    {
        var atLeast = new ClaimThreshold { Op = ThresholdOp.AtLeast, Value = 0.5, On = ThresholdBasis.Interval };
        Assert.AreEqual(ClaimVerdict.Pass, ThresholdCheck.Verdict(atLeast, Measurement.Of(new Estimate(0.7, 0.55, 0.8))));
        Assert.AreEqual(ClaimVerdict.Fail, ThresholdCheck.Verdict(atLeast, Measurement.Of(new Estimate(0.7, 0.45, 0.8))), "the whole interval must pass");
        Assert.AreEqual(ClaimVerdict.Pass, ThresholdCheck.Verdict(atLeast with { On = ThresholdBasis.Estimate }, Measurement.Of(new Estimate(0.7, 0.45, 0.8))));
        var overlaps = new ClaimThreshold { Op = ThresholdOp.Overlaps, Lower = 0.45, Upper = 0.55, On = ThresholdBasis.Interval };
        Assert.AreEqual(ClaimVerdict.Pass, ThresholdCheck.Verdict(overlaps, Measurement.Of(new Estimate(0.6, 0.54, 0.66))));
        Assert.AreEqual(ClaimVerdict.Fail, ThresholdCheck.Verdict(overlaps, Measurement.Of(new Estimate(0.6, 0.56, 0.66))));
        Assert.AreEqual(ClaimVerdict.NotMeasurable, ThresholdCheck.Verdict(overlaps, Measurement.Unavailable("no data")));
    }
}
