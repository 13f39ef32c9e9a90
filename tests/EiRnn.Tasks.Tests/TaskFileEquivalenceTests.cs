using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Files;
using EiRnn.Tasks.Library;
using EiRnn.Tasks.Tests.Support;

namespace EiRnn.Tasks.Tests;

/// <summary>
/// The example task files of examples/tasks reproduce the built-in tasks bit for bit (docs/task-files.md#equivalence):
/// same seed → float32 inputs, targets and masks equal with ==, equal trial lengths, periods and condition
/// columns, over three consecutive training batches from one stream, a validation set and a test set, at the
/// training dt and at 0.5 ms.
/// </summary>
[TestClass]
public sealed class TaskFileEquivalenceTests
{
    internal static string ExampleText(string name) => File.ReadAllText(Path.Combine(TaskFileTestPaths.Root(), "examples", "tasks", name + ".json"));

    private static ICognitiveTask BuiltIn(string name) => TaskRegistry.BuiltIn().Create(name);

    [TestMethod]
    [DataRow("rdm-fixed", 20f)]
    [DataRow("rdm-fixed", 0.5f)]
    [DataRow("perceptual-discrimination", 10f)]
    [DataRow("perceptual-discrimination", 0.5f)]
    [DataRow("delayed-discrimination", 10f)]
    [DataRow("delayed-discrimination", 0.5f)]
    public void FileTaskEqualsBuiltInTask(string name, float dtMs)
    {
        var file = TaskFiles.Create(ExampleText(name), name + ".json");
        var builtIn = BuiltIn(name);
        AssertSameBatches(builtIn, file, dtMs, seed: 20261207);
    }

    [TestMethod]
    [DataRow("rdm-fixed")]
    [DataRow("perceptual-discrimination")]
    [DataRow("delayed-discrimination")]
    public void FileTaskDescribesItselfAsTheBuiltInTask(string name)
    {
        var file = TaskFiles.Create(ExampleText(name), name + ".json");
        var (a, b) = (BuiltIn(name).Description, file.Description);
        Assert.AreEqual("file:" + name, b.Name);
        CollectionAssert.AreEqual(a.InputNames.ToArray(), b.InputNames.ToArray());
        CollectionAssert.AreEqual(a.OutputNames.ToArray(), b.OutputNames.ToArray());
        CollectionAssert.AreEqual(a.PeriodNames.ToArray(), b.PeriodNames.ToArray());
        Assert.AreEqual(a.Criterion, b.Criterion);
        Assert.AreEqual(a.Defaults, b.Defaults);
        Assert.AreEqual(a.CatchProbability, b.CatchProbability);
        Assert.AreEqual(a.InputsNonNegative, b.InputsNonNegative);
        Assert.AreEqual(a.TimeGrid, b.TimeGrid);
        CollectionAssert.AreEqual(BuiltIn(name).ConditionColumns.ToArray(), file.ConditionColumns.ToArray());
        Assert.AreEqual(BuiltIn(name).TestConditions.Count, file.TestConditions.Count);
    }

    /// <summary>Break check kept as a test: one number changed in the file (the rdm coherence slope 0.032, the
    /// PsychRNN noise constant, one frequency of a pair) makes the batches differ.</summary>
    [TestMethod]
    [DataRow("rdm-fixed", "0.032 * coherence_code * direction) / 2\"]", "0.033 * coherence_code * direction) / 2\"]", 20f)]
    [DataRow("perceptual-discrimination", "sqrt(0.02 * sqrt(10)", "sqrt(0.021 * sqrt(10)", 10f)]
    [DataRow("delayed-discrimination", "[30, 22]", "[30, 21]", 10f)]
    public void ChangingOneNumberBreaksEquivalence(string name, string from, string to, float dtMs)
    {
        string text = ExampleText(name);
        StringAssert.Contains(text, from);
        var file = TaskFiles.Create(text.Replace(from, to), name + ".json");
        Assert.ThrowsExactly<AssertFailedException>(() => AssertSameBatches(BuiltIn(name), file, dtMs, seed: 7));
    }

    internal static void AssertSameBatches(ICognitiveTask expected, ICognitiveTask actual, float dtMs, ulong seed)
    {
        var (r1, r2) = (new RandomStream(seed), new RandomStream(seed));
        int batch = expected.Description.Defaults.BatchSize;
        for (int i = 0; i < 3; i++)
            AssertSame(expected.TrainingBatch(batch, dtMs, r1), actual.TrainingBatch(batch, dtMs, r2), $"training batch {i}");
        int nValidation = 2 * (expected.TestConditions.Count + 1) + 3;
        AssertSame(expected.ValidationBatch(nValidation, dtMs, r1), actual.ValidationBatch(nValidation, dtMs, r2), "validation set");
        AssertSame(expected.Forced(expected.EachCondition(2), TaskTiming.Test, dtMs, r1),
            actual.Forced(actual.EachCondition(2), TaskTiming.Test, dtMs, r2), "test set");
        Assert.AreEqual(r1.NextUInt64(), r2.NextUInt64(), "the two streams drew a different number of values");
    }

    private static void AssertSame(TrialBatch a, TrialBatch b, string what)
    {
        Assert.AreEqual(a.BatchSize, b.BatchSize, $"{what}: batch size");
        Assert.AreEqual(a.Steps, b.Steps, $"{what}: steps");
        CollectionAssert.AreEqual(a.TrialSteps, b.TrialSteps, $"{what}: trial lengths");
        AssertFloats(a.Inputs, b.Inputs, $"{what}: inputs");
        AssertFloats(a.Targets, b.Targets, $"{what}: targets");
        AssertFloats(a.Mask, b.Mask, $"{what}: mask");
        for (int t = 0; t < a.BatchSize; t++)
        {
            CollectionAssert.AreEqual(a.Periods[t].ToArray(), b.Periods[t].ToArray(), $"{what}: periods of trial {t}");
            Assert.AreEqual(a.Conditions[t].IsCatch, b.Conditions[t].IsCatch, $"{what}: catch of trial {t}");
            var (ca, cb) = (ColumnRecorder.Of(a.Conditions[t]), ColumnRecorder.Of(b.Conditions[t]));
            Assert.AreEqual(string.Join("; ", ca), string.Join("; ", cb), $"{what}: condition columns of trial {t}");
            CollectionAssert.AreEqual(ca, cb, $"{what}: condition columns of trial {t}");
            Assert.AreEqual(((IChoiceCondition)a.Conditions[t]).CorrectChoice, ((IChoiceCondition)b.Conditions[t]).CorrectChoice, $"{what}: choice of trial {t}");
        }
    }

    private static void AssertFloats(float[] a, float[] b, string what)
    {
        Assert.AreEqual(a.Length, b.Length, $"{what}: length");
        for (int i = 0; i < a.Length; i++)
            if (!(a[i] == b[i])) Assert.Fail($"{what}: element {i} is {b[i]:R}, expected {a[i]:R}");
    }
}

internal static class TaskFileTestPaths
{
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EiRnnPipeline.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
