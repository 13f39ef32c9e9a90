using System.ComponentModel;
using EiRnn.Tasks.Library;

namespace EiRnn.Tasks.Options;

// The typed options of the built-in tasks (a train config's task_options; `eirnn tasks` lists them). Each maps
// one to one onto the task's constructor, which checks the ranges and names the key it rejects.

/// <summary>mante options (docs/tasks.md#mante).</summary>
public sealed record ManteOptions
{
    [Description("two-area network (sensory/motor; docs/model.md#mante-two-areas): the default structure becomes mante-areas")]
    public bool Areas { get; init; }
}

/// <summary>multisensory options (docs/tasks.md#multisensory).</summary>
public sealed record MultisensoryOptions
{
    [Description("connect the start-cue input to all units (in pycog's code it reaches none): sets the default connect_start_cue")]
    public bool ConnectStartCue { get; init; }
}

/// <summary>perceptual-discrimination options (docs/tasks.md#perceptual-discrimination).</summary>
public sealed record PerceptualDiscriminationOptions
{
    [Description("coherences drawn uniformly per trial, each in [0, 1] (a fixed set makes a curriculum stage)")]
    public IReadOnlyList<double> Coherences { get; init; } = PerceptualDiscriminationTask.DefaultCoherences;

    [Description("trial length T in ms (>= 1)")]
    public double TrialMs { get; init; } = 2000;
}

/// <summary>delayed-discrimination options (docs/tasks.md#delayed-discrimination); a null epoch is drawn as U(0,1)·fraction·T.</summary>
public sealed record DelayedDiscriminationOptions
{
    [Description("trial length T in ms (>= 1)")]
    public double TrialMs { get; init; } = 2000;

    [Description("fixed onset in ms (>= 0); null = U(0,1)·T/8")]
    public double? OnsetMs { get; init; }

    [Description("fixed first-stimulus duration in ms; null = U(0,1)·T/4")]
    public double? Stimulus1Ms { get; init; }

    [Description("fixed delay in ms; null = U(0,1)·T/4")]
    public double? DelayMs { get; init; }

    [Description("fixed second-stimulus duration in ms; null = U(0,1)·T/4")]
    public double? Stimulus2Ms { get; init; }

    [Description("fixed decision period in ms; null = U(0,1)·T/8 (fixed epochs must fit in T)")]
    public double? DecisionMs { get; init; }
}

/// <summary>match-to-category options (docs/tasks.md#match-to-category).</summary>
public sealed record MatchToCategoryOptions
{
    [Description("number of tuned input channels N_in (>= 2)")]
    public int NIn { get; init; } = 16;

    [Description("number of categories and outputs N_out (>= 2)")]
    public int NOut { get; init; } = 2;

    [Description("trial length T in ms (>= 2000: the decision window ends at 2000 ms)")]
    public double TrialMs { get; init; } = 2000;
}
