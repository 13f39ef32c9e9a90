using EiRnn.Data.Manifest;
using EiRnn.Data.Reading;
using EiRnn.Tasks.Contract;

namespace EiRnn.Analysis.Runs;

/// <summary>Which group of analyses fits a dataset's task (docs/analysis.md).</summary>
public enum TaskFamily
{
    /// <summary>rdm-fixed, rdm-variable, rdm-rt (and any task with a signed `coherence` column): psychometric versus signed coherence.</summary>
    Rdm,
    /// <summary>mante: psychometric per context versus motion and colour coherence.</summary>
    Mante,
    /// <summary>multisensory: psychometric per modality versus rate, integration check.</summary>
    Multisensory,
    /// <summary>romo (and tasks with f1_hz / f2_hz): P(f1 &gt; f2) versus f1 − f2, f1 tuning.</summary>
    Romo,
    /// <summary>Anything else: % correct only.</summary>
    Other,
}

/// <summary>How a task's trials are placed on psychometric axes.</summary>
public sealed record TaskAxes(TaskFamily Family, string StimulusColumn, string StimulusLabel, string PositiveChoiceLabel)
{
    /// <summary>The curve every trial with a stimulus value joins; perturbation effects compare it with control.</summary>
    public const string PrimaryCurve = "all";

    public static TaskAxes For(DatasetManifest manifest)
    {
        bool Has(string name, ConditionColumnKind kind) => manifest.ConditionColumns.Any(c => c.Name == name && c.Kind == kind);
        if (Has("context", ConditionColumnKind.String) && Has("motion_coherence", ConditionColumnKind.Double) && Has("colour_coherence", ConditionColumnKind.Double))
            return new(TaskFamily.Mante, "coherence", "Signed coherence of the plotted modality (%)", "Choice 1 (%)");
        if (Has("modality", ConditionColumnKind.String) && Has("rate", ConditionColumnKind.Double))
            return new(TaskFamily.Multisensory, "rate", "Event rate (events/s)", "'High' choices (%)");
        if (Has("f1_hz", ConditionColumnKind.Double) && Has("f2_hz", ConditionColumnKind.Double))
            return new(TaskFamily.Romo, "f1_minus_f2_hz", "f1 − f2 (Hz)", "'f1 > f2' choices (%)");
        if (Has("coherence", ConditionColumnKind.Double))
            return new(TaskFamily.Rdm, "coherence", "Signed coherence (%)", "Choice 1 (%)");
        // No psychometric axis: behaviour per value of the first condition column that names the condition
        // (sequence: the sequence id; match-to-category: the angle), not per trial timing (…_ms) or catch.
        var named = manifest.ConditionColumns.FirstOrDefault(c => c.Kind != ConditionColumnKind.String && c.Name != "catch" && !c.Name.EndsWith("_ms", StringComparison.Ordinal));
        return named.Name is { } column
            ? new(TaskFamily.Other, column, column, "Choice 1 (%)")
            : new(TaskFamily.Other, "stimulus", "Stimulus", "Choice 1 (%)");
    }

    /// <summary>A trial's value on the axis of a task without a psychometric axis (<see cref="TaskFamily.Other"/>): its
    /// <see cref="StimulusColumn"/> (yes/no as 1/0), or 0 when the task has no such column or the value is null.</summary>
    public double OtherStimulus(TrialConditionValues c)
    {
        if (!c.Columns.Any(col => col.Name == StimulusColumn)) return 0;
        var v = c[StimulusColumn];
        if (!v.HasValue) return 0;
        return v.Kind switch
        {
            ConditionColumnKind.Int32 => v.AsInt32()!.Value,
            ConditionColumnKind.Double => v.AsDouble()!.Value,
            ConditionColumnKind.Bool => v.AsBool()!.Value ? 1 : 0,
            _ => 0,
        };
    }
}
