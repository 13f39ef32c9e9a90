using EiRnn.Data.Reading;
using EiRnn.Tasks.Contract;

namespace EiRnn.Analysis.Runs;

/// <summary>
/// How a dataset's behaviour is laid out, derived from the task's declared capabilities alone
/// (docs/analysis.md#task-capabilities); no task or column name is guessed.
/// </summary>
public enum TaskFamily
{
    /// <summary>A binary choice versus one evidence factor: psychometric versus the evidence.</summary>
    Evidence,
    /// <summary>Evidence and second evidence, a context selecting the relevant one: psychometric per context and factor.</summary>
    ContextEvidence,
    /// <summary>Evidence with a cue factor: psychometric per cue level, integration check.</summary>
    CueEvidence,
    /// <summary>Evidence from parametric pairs: psychometric versus the difference, tuning to the pair.</summary>
    PairedEvidence,
    /// <summary>No evidence factor: behaviour per value of the declared stimulus (category or sequence), else one value.</summary>
    Other,
}

/// <summary>How a task's trials are placed on psychometric axes.</summary>
public sealed record TaskAxes(TaskFamily Family, string StimulusColumn, string StimulusLabel, string PositiveChoiceLabel)
{
    /// <summary>The curve every trial with a stimulus value joins; perturbation effects compare it with control.</summary>
    public const string PrimaryCurve = "all";

    /// <summary>Behaviour-table axis of a task that declares no stimulus.</summary>
    public const string UndeclaredAxis = "condition";

    /// <summary>The capabilities the axes come from.</summary>
    public TaskCapabilities Capabilities { get; init; } = TaskCapabilities.None;

    public static TaskAxes For(TaskCapabilities caps)
    {
        if (caps.Evidence is { } e)
        {
            if (caps.Context is { } ctx) return new(TaskFamily.ContextEvidence, ctx.AxisName, e.Label, e.PositiveChoiceLabel) { Capabilities = caps };
            var family = caps.Cues is not null ? TaskFamily.CueEvidence : caps.Pairs is not null ? TaskFamily.PairedEvidence : TaskFamily.Evidence;
            return new(family, e.Name, e.Label, e.PositiveChoiceLabel) { Capabilities = caps };
        }
        string? column = caps.Category?.StimulusColumn ?? caps.Sequence?.Column;
        return column is not null
            ? new(TaskFamily.Other, column, column, "Choice 1 (%)") { Capabilities = caps }
            : new(TaskFamily.Other, UndeclaredAxis, "Condition", "Choice 1 (%)") { Capabilities = caps };
    }

    /// <summary>A trial's value on the axis of a task without an evidence factor (<see cref="TaskFamily.Other"/>): its
    /// <see cref="StimulusColumn"/> (yes/no as 1/0), or 0 when the task has no such column or the value is null.</summary>
    public double OtherStimulus(TrialConditionValues c) => Number(c, StimulusColumn) ?? 0;

    /// <summary>The value of a numeric (or Bool, as 1/0) condition column; null when absent or null.</summary>
    public static double? Number(TrialConditionValues c, string column)
    {
        if (!c.Columns.Any(col => col.Name == column)) return null;
        var v = c[column];
        if (!v.HasValue) return null;
        return v.Kind switch
        {
            ConditionColumnKind.Int32 => v.AsInt32()!.Value,
            ConditionColumnKind.Double => v.AsDouble()!.Value,
            ConditionColumnKind.Bool => v.AsBool()!.Value ? 1 : 0,
            _ => null,
        };
    }

    /// <summary>A trial's value of an evidence factor (column, minus the subtracted column when declared).</summary>
    public static double? Evidence(EvidenceFactor e, TrialConditionValues c)
    {
        if (Number(c, e.Column) is not double v) return null;
        if (e.SubtractColumn is null) return v;
        return Number(c, e.SubtractColumn) is double w ? v - w : null;
    }

    /// <summary>The choice the evidence asks for (its positive choice above zero evidence or the boundary), or null at it.</summary>
    public static int? CorrectChoice(EvidenceFactor e, double value, int outputs)
    {
        double reference = e.ZeroEvidence ?? e.Boundary ?? 0;
        if (value == reference || outputs < 2) return null;
        return value > reference ? e.PositiveChoice : (e.PositiveChoice == 0 ? 1 : 0);
    }

    /// <summary>The evidence window of a trial: from the start of the first to the end of the last declared evidence period
    /// present in the trial; null when none is declared or present.</summary>
    public Period? EvidenceWindow(IReadOnlyList<Period> periods)
    {
        if (Capabilities.EvidencePeriods is not { Count: > 0 } names) return null;
        var present = periods.Where(p => names.Contains(p.Name)).ToArray();
        if (present.Length == 0) return null;
        return new Period(present[0].Name, present.Min(p => p.StartMs), present.Max(p => p.EndMs));
    }

    /// <summary>The evidence window, else the whole trial (start 0 to the last period's end) when no evidence period is declared.</summary>
    public Period? ChoiceWindow(IReadOnlyList<Period> periods)
    {
        if (EvidenceWindow(periods) is { } w) return w;
        if (Capabilities.EvidencePeriods is { Count: > 0 } || periods.Count == 0) return null;
        return new Period(periods[0].Name, 0, periods.Max(p => p.EndMs));
    }
}
