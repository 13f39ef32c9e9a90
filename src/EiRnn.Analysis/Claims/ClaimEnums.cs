using System.Text.Json;
using System.Text.Json.Serialization;

namespace EiRnn.Analysis.Claims;

/// <summary>The quantities a claim can measure (docs/reproduce.md#measures); each is computed from declared capabilities only.</summary>
public enum MeasureKind
{
    /// <summary>P(positive choice) at the zero-evidence condition.</summary>
    PositiveChoiceAtZeroEvidence,
    /// <summary>Trial-weighted R² of the cumulative-Gaussian fit to the per-condition proportions.</summary>
    PsychometricFitR2,
    /// <summary>% correct in the longest third of stimulus durations minus the shortest third, pooled over an |evidence| band.</summary>
    DurationAccuracyGain,
    /// <summary>Least-squares slope of correct-trial RT (ms) against log10|evidence|.</summary>
    CorrectRtLogEvidenceSlope,
    /// <summary>In one context: slope of P(positive choice) versus normalised irrelevant evidence over that versus the relevant one.</summary>
    IrrelevantToRelevantSlopeRatio,
    /// <summary>Fraction of active units with a positive entry on the regression subspace's choice axis.</summary>
    PositiveChoiceAxisFraction,
    /// <summary>Combined-cue threshold σ over the smallest single-cue σ.</summary>
    CombinedToBestSingleThresholdRatio,
    /// <summary>Combined-cue threshold σ over the optimal-integration prediction.</summary>
    CombinedToOptimalThresholdRatio,
    /// <summary>Fraction of units whose |d′| passes a cut-off for choice, cue or both.</summary>
    SelectiveUnitFraction,
    /// <summary>Smallest % correct over the parametric pairs.</summary>
    MinimumPairAccuracy,
    /// <summary>Median % correct over the parametric pairs.</summary>
    MedianPairAccuracy,
    /// <summary>Mean fraction of units tuned to a pair member (or to both with opposite signs) over a window.</summary>
    TunedFraction,
    /// <summary>Variance share of PC1–2 of the noise-free trajectories.</summary>
    NoiseFreePc12Share,
    /// <summary>Smallest % correct over the task's conditions (stimulus values).</summary>
    MinimumPerConditionAccuracy,
    /// <summary>Between- over within-choice-pool mean E→E weight after training, relative to the same ratio at initialisation.</summary>
    BetweenPoolExcitationChange,
}

public enum ThresholdOp { AtLeast, AtMost, Within, Overlaps }

public enum ThresholdBasis { Estimate, Interval }

/// <summary>Reads and writes enum values in snake_case (the claims file's spelling; the project's other files use kebab-case).</summary>
public sealed class SnakeCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where T : struct, Enum;
