using EiRnn.Tasks.Contract;

namespace EiRnn.Tasks.Library;

/// <summary>
/// The <see cref="TaskCapabilities"/> each built-in task declares on its description (docs/tasks.md, docs/analysis.md#task-capabilities).
/// Column and period names are those of the task's condition columns and periods.
/// </summary>
public static class BuiltInCapabilities
{
    private static EvidenceFactor Coherence(string name = "coherence", string column = "coherence", string label = "Signed coherence (%)") =>
        new(name, column, label, "Choice 1 (%)") { ZeroEvidence = 0 };

    private static EvidenceFactor FrequencyDifference() =>
        new("f1_minus_f2_hz", "f1_hz", "f1 − f2 (Hz)", "'f1 > f2' choices (%)") { SubtractColumn = "f2_hz", ZeroEvidence = 0 };

    /// <summary>rdm-fixed: signed coherence, evidence in the stimulus period.</summary>
    public static TaskCapabilities RdmFixed { get; } = new() { Evidence = Coherence(), EvidencePeriods = ["stimulus"], CatchColumn = "catch" };

    /// <summary>rdm-variable: as rdm-fixed, and the stimulus duration (column stimulus_ms) varies.</summary>
    public static TaskCapabilities RdmVariable { get; } = RdmFixed with { DurationVariation = new StimulusDuration("stimulus_ms") };

    /// <summary>rdm-rt: as rdm-fixed, and the stored choice and rt_ms come from the threshold rule (docs/analysis.md#reaction-time).</summary>
    public static TaskCapabilities RdmReactionTime { get; } = RdmFixed with { ReactionTime = true };

    /// <summary>perceptual-discrimination (PsychRNN): signed coherence over the stimulus period; no catch trials.</summary>
    public static TaskCapabilities PerceptualDiscrimination { get; } = new() { Evidence = Coherence(), EvidencePeriods = ["stimulus"] };

    /// <summary>mante: motion and colour coherence, the context choosing the relevant one.</summary>
    public static TaskCapabilities Mante { get; } = new()
    {
        Evidence = Coherence("motion", "motion_coherence", "Signed coherence of the plotted modality (%)"),
        SecondEvidence = Coherence("colour", "colour_coherence", "Signed coherence of the plotted modality (%)"),
        Context = new ContextFactor("context", ["motion", "colour"], "coherence"),
        EvidencePeriods = ["stimulus"],
    };

    /// <summary>multisensory: event rate against the 12.5 events/s boundary; cues v, a and their combination va.</summary>
    public static TaskCapabilities Multisensory { get; } = new()
    {
        Evidence = new EvidenceFactor("rate", "rate", "Event rate (events/s)", "'High' choices (%)") { Boundary = MultisensoryCondition.Boundary },
        Cues = new CueFactor("modality", ["v", "a"], "va"),
        EvidencePeriods = ["stimulus"],
        CatchColumn = "catch",
    };

    /// <summary>romo: f1 − f2, the pair (f1, f2) with f1 held over the delay.</summary>
    public static TaskCapabilities Romo { get; } = new()
    {
        Evidence = FrequencyDifference(),
        Pairs = new ParametricPairs("f1_hz", "f2_hz", "f1", "delay", "f2"),
        EvidencePeriods = ["f2"],
        CatchColumn = "catch",
    };

    /// <summary>delayed-discrimination (PsychRNN): the Romo comparison with PsychRNN's period names.</summary>
    public static TaskCapabilities DelayedDiscrimination { get; } = new()
    {
        Evidence = FrequencyDifference(),
        Pairs = new ParametricPairs("f1_hz", "f2_hz", "stimulus1", "delay", "stimulus2"),
        EvidencePeriods = ["stimulus2"],
        CatchColumn = "catch",
    };

    /// <summary>sequence: one condition per sequence.</summary>
    public static TaskCapabilities Sequence { get; } = new() { Sequence = new SequenceFactor("sequence"), CatchColumn = "catch" };

    /// <summary>match-to-category (PsychRNN): the angle decides the category.</summary>
    public static TaskCapabilities MatchToCategory { get; } = new()
    {
        Category = new CategoryFactor("angle_rad", "category"),
        EvidencePeriods = ["stimulus"],
        CatchColumn = "catch",
    };
}
