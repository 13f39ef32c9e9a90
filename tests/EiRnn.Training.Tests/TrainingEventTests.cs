using EiRnn.Core.Checkpoints;

namespace EiRnn.Training.Tests;

/// <summary>A run reports its progress as <see cref="TrainingEvent"/>s to an <see cref="IProgress{T}"/>, and the console printer renders them.</summary>
[TestClass]
public sealed class TrainingEventTests
{
    private sealed class Recorder : IProgress<TrainingEvent>
    {
        public List<TrainingEvent> Events { get; } = [];
        public void Report(TrainingEvent value) => Events.Add(value);
    }

    [TestMethod]
    public void ARunReportsEachUpdateEachValidationAndItsEnd()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"eirnn-events-{Guid.NewGuid():N}");
        try
        {
            var recorder = new Recorder();
            var config = TinyNetworks.Pycog() with { MaxUpdates = 7, ValidationEvery = 3 };
            var outcome = new TrainingRun(dir, recorder).Run(new TrainingSetup(config, TinyNetworks.Task, null), resume: false, CancellationToken.None);
            var updates = recorder.Events.OfType<UpdateDone>().ToArray();
            CollectionAssert.AreEqual(Enumerable.Range(1, 7).Select(i => (long)i).ToArray(), updates.Select(u => u.Updates).ToArray());
            Assert.AreEqual(2L, updates[0].UpdatesToValidation, "after update 1 of every 3, two to go");
            // Validations before the first update, at 3, 6 and at the limit (7), as in learning-curve.csv.
            CollectionAssert.AreEqual(new long[] { 0, 3, 6, 7 }, recorder.Events.OfType<ValidationDone>().Select(v => v.Record.Updates).ToArray());
            Assert.AreSame(outcome.Summary, ((TrainingFinished)recorder.Events[^1]).Summary);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void ThePlainPrinterWritesValidationsAndPassedStagesOnly()
    {
        var text = new StringWriter();
        var printer = new TrainingProgressPrinter(text, interactive: false);
        printer.Report(new ValidationDone(new ValidationRecord(10, 200, 0.5, 0.75, 0.25), IsBest: true));
        printer.Report(new StageEvaluated("stage 0", "accuracy", 0.5, 40, Passed: false, "stage 0"));
        printer.Report(new StageEvaluated("stage 0", "accuracy", 0.95, 60, Passed: true, "stage 1"));
        string[] lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(2, lines);
        StringAssert.StartsWith(lines[0], "validation at 200 trials: cost 0.50000, performance 0.7500, rmse 0.2500 (best)");
        StringAssert.StartsWith(lines[1], "curriculum: stage 0 passed at 60 trials (accuracy 0.950); now stage 1");
    }
}
