using EiRnn.Tasks.Contract;

namespace EiRnn.Tasks.Files;

/// <summary>
/// The condition of one trial of a <see cref="FileTask"/> (docs/task-files.md#conditions): the value of every
/// factor (a table: its row index), NaN where a label is still open; the drawn period durations once the trial
/// is built (null in a template). Columns and the correct choice come from the task's file.
/// </summary>
public sealed class FileCondition : IChoiceCondition
{
    internal FileCondition(FileTask task, double[] factorValues, double[]? durationsMs, bool isCatch)
        => (Task, FactorValues, DurationsMs, IsCatch) = (task, factorValues, durationsMs, isCatch);

    internal FileTask Task { get; }
    /// <summary>One value per factor entry of the file (tables: the row index); NaN = open label.</summary>
    public IReadOnlyList<double> FactorValues { get; }
    /// <summary>The drawn duration of every period (ms), in period order; null in a template.</summary>
    public IReadOnlyList<double>? DurationsMs { get; }
    public bool IsCatch { get; }
    public int? CorrectChoice => Task.CorrectChoiceOf(this);
    public void Write(IConditionWriter writer) => Task.WriteColumns(this, writer);

    public override string ToString() =>
        IsCatch ? "catch" : string.Join(", ", Task.FactorNames.Select((n, i) => $"{n}={FactorValues[i]}"));
}
