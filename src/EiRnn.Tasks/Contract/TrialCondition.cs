namespace EiRnn.Tasks.Contract;

/// <summary>
/// The typed condition of one trial (e.g. coherence and direction). Each task defines its own record and
/// writes it as typed columns of the dataset's trials table (docs/datasets.md#trials-table) through <see cref="IConditionWriter"/>.
/// </summary>
public interface ITrialCondition
{
    /// <summary>Catch trial: no stimulus, no correct answer.</summary>
    bool IsCatch { get; }

    /// <summary>Writes this condition's columns, in the order of the task's <see cref="ICognitiveTask.ConditionColumns"/>.</summary>
    void Write(IConditionWriter writer);
}

public enum ConditionColumnKind { Int32, Double, String, Bool }

/// <summary>One typed condition column of a task's trials table.</summary>
public readonly record struct ConditionColumn(string Name, ConditionColumnKind Kind, string Description);

/// <summary>Receives a condition's typed values; null means "not applicable" (e.g. catch trials).</summary>
public interface IConditionWriter
{
    void Int32(string name, int? value);
    void Double(string name, double? value);
    void String(string name, string? value);
    void Bool(string name, bool? value);
}
