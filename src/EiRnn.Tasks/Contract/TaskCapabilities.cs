using System.Text.Json.Serialization;

namespace EiRnn.Tasks.Contract;

/// <summary>
/// What a task's trials carry, declared by the task (built-in, assembly or file) on its <see cref="TaskDescription"/> and
/// written into the dataset manifest (docs/datasets.md#task-capabilities). `analyze` composes one analysis module per
/// declared capability from the manifest alone (docs/analysis.md#task-capabilities); analyses that need no declaration
/// (condition-averaged PCA, choice d′, sorted connectivity, fixed points, learning curve) run for every task.
/// Every member is optional: <see cref="None"/> declares nothing. Column names are condition columns of the task
/// (<see cref="ICognitiveTask.ConditionColumns"/>); period names are among <see cref="TaskDescription.PeriodNames"/>.
/// </summary>
public sealed record TaskCapabilities
{
    public static TaskCapabilities None { get; } = new();

    /// <summary>Binary choice versus an evidence factor: the psychometric axis (rdm coherence, multisensory rate, romo f1 − f2).</summary>
    public EvidenceFactor? Evidence { get; init; }

    /// <summary>A second evidence factor shown on the same axis (mante: colour coherence beside motion coherence).</summary>
    public EvidenceFactor? SecondEvidence { get; init; }

    /// <summary>A context factor selecting which evidence factor is relevant (mante).</summary>
    public ContextFactor? Context { get; init; }

    /// <summary>A cue factor with single-cue levels and their combination (multisensory's v, a and va).</summary>
    public CueFactor? Cues { get; init; }

    /// <summary>A categorical choice over a stimulus factor (match-to-category: angle → category).</summary>
    public CategoryFactor? Category { get; init; }

    /// <summary>Parametric pairs compared across a memory delay (romo, delayed discrimination).</summary>
    public ParametricPairs? Pairs { get; init; }

    /// <summary>Trials end at a decision threshold: the stored choice and `rt_ms` are a reaction time (rdm-rt).</summary>
    public bool ReactionTime { get; init; }

    /// <summary>The stimulus duration varies from trial to trial (rdm-variable): accuracy versus duration.</summary>
    public StimulusDuration? DurationVariation { get; init; }

    /// <summary>Trials are sequences, one condition per sequence (sequence task): trajectories per sequence over the whole trial.</summary>
    public SequenceFactor? Sequence { get; init; }

    /// <summary>The period(s) whose evidence decides the choice (choice d′, trajectory averages, Mante samples); null: the whole trial.</summary>
    public IReadOnlyList<string>? EvidencePeriods { get; init; }

    /// <summary>Boolean condition column marking catch trials (no stimulus, no choice); null: no catch trials.</summary>
    public string? CatchColumn { get; init; }

    /// <summary>Whether anything is declared.</summary>
    [JsonIgnore]
    public bool IsEmpty => this == None;
}

/// <summary>
/// An evidence factor: the trial's value is <see cref="Column"/> (minus <see cref="SubtractColumn"/> when set). Choice
/// <see cref="PositiveChoice"/> is the one a positive value (or one above <see cref="Boundary"/>) asks for.
/// </summary>
/// <param name="Name">Short name: the behaviour table's axis column and the curve names (e.g. "coherence", "motion").</param>
/// <param name="Column">Condition column holding the value.</param>
/// <param name="Label">Axis label of the psychometric figure.</param>
/// <param name="PositiveChoiceLabel">Axis label of the fraction of <see cref="PositiveChoice"/> choices.</param>
public sealed record EvidenceFactor(string Name, string Column, string Label, string PositiveChoiceLabel)
{
    /// <summary>Optional second column subtracted from <see cref="Column"/> (romo: f1 − f2).</summary>
    public string? SubtractColumn { get; init; }
    /// <summary>Signed evidence: the value at which neither choice is right (0 for coherence); null when not signed.</summary>
    public double? ZeroEvidence { get; init; }
    /// <summary>Unsigned evidence: the decision boundary (multisensory: 12.5 events/s); null when signed.</summary>
    public double? Boundary { get; init; }
    /// <summary>The output index of the choice plotted as "positive".</summary>
    public int PositiveChoice { get; init; }
}

/// <summary>A context factor: <see cref="Column"/> holds one of <see cref="Levels"/>; level k makes evidence factor k relevant
/// (k = 0: <see cref="TaskCapabilities.Evidence"/>, 1: <see cref="TaskCapabilities.SecondEvidence"/>).</summary>
/// <param name="AxisName">The behaviour table's axis column for the relevant evidence (mante: "coherence").</param>
public sealed record ContextFactor(string Column, IReadOnlyList<string> Levels, string AxisName);

/// <summary>A cue factor: <see cref="Column"/> holds one of <see cref="SingleCueLevels"/> or <see cref="CombinedLevel"/>;
/// the optimal-integration check compares the combined threshold with the single-cue ones (docs/analysis.md#multisensory-integration).</summary>
public sealed record CueFactor(string Column, IReadOnlyList<string> SingleCueLevels, string CombinedLevel);

/// <summary>A categorical choice: <see cref="StimulusColumn"/> (e.g. an angle) maps to <see cref="CategoryColumn"/>.</summary>
public sealed record CategoryFactor(string StimulusColumn, string CategoryColumn);

/// <summary>Parametric pairs: <see cref="FirstColumn"/> is shown in <see cref="FirstPeriod"/>, held over <see cref="MemoryPeriod"/>,
/// compared with <see cref="SecondColumn"/> shown in <see cref="SecondPeriod"/> (docs/analysis.md#romo-tuning).</summary>
public sealed record ParametricPairs(string FirstColumn, string SecondColumn, string FirstPeriod, string MemoryPeriod, string SecondPeriod);

/// <summary>Stimulus-duration variation: the duration is <see cref="Column"/> when set, else the length of the evidence period.</summary>
public sealed record StimulusDuration(string? Column);

/// <summary>Sequences: <see cref="Column"/> (Int32) identifies the sequence.</summary>
public sealed record SequenceFactor(string Column);
