namespace EiRnn.Training.Tests;

[TestClass]
public sealed class TrainingProgressTests
{
    [TestMethod]
    public void AFewDozenUpdatesOnRdmFixedLowerTheLoss()
    {
        // Same fixed validation trials and noise before and after: only the weights differ.
        var config = TinyNetworks.Pycog(n: 20, batch: 10) with { ValidationTrials = 110, DtMs = 20, LearningRate = 0.05 };
        using var a = Trainer.Start(config, TinyNetworks.Task);
        using var b = Trainer.Start(config, TinyNetworks.Task);
        double before = a.Validate().Record.Cost;
        for (int i = 0; i < 40; i++) b.Step();
        double after = b.Validate().Record.Cost;
        Assert.IsTrue(after < 0.8 * before, $"validation cost {before:G4} → {after:G4} after 40 updates");
    }
}
