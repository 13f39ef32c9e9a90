using EiRnn.Analysis.Statistics;

namespace EiRnn.Analysis.Mante;

/// <summary>
/// One Mante trial's labels: the network's choice (0-based output index; output 0 = choice 1), signed motion
/// and colour coherences (any consistent unit, e.g. %), context (+1 motion, −1 colour), and correctness.
/// </summary>
public readonly record struct ManteTrialLabels(int Choice, double Motion, double Colour, int Context, bool Correct)
{
    /// <summary>+1 for choice 1 (output 0), −1 for choice 2.</summary>
    public int ChoiceSign => Choice == 0 ? 1 : -1;
}

/// <summary>Options of the targeted dimensionality reduction (docs/analysis.md#mante-regression-subspace).</summary>
public sealed record ManteOptions
{
    /// <summary>Regression samples: every int(DownsampleMs/dt_save) saved samples of the stimulus period.</summary>
    public double DownsampleMs { get; init; } = 50;
    public double SmoothingSigmaMs { get; init; } = 50;
    public int DenoisingComponents { get; init; } = 12;
    /// <summary>Active unit: std over time of its trial-averaged rate above this.</summary>
    public double ActiveStd { get; init; } = 0.1;

    public ManteOptions Validated()
    {
        if (!(DownsampleMs > 0)) throw new Core.Errors.ConfigException("downsample_ms", $"must be > 0, got {DownsampleMs}");
        if (!(SmoothingSigmaMs >= 0)) throw new Core.Errors.ConfigException("smoothing_sigma_ms", $"must be >= 0, got {SmoothingSigmaMs}");
        if (DenoisingComponents < 1) throw new Core.Errors.ConfigException("denoising_components", $"must be >= 1, got {DenoisingComponents}");
        if (!(ActiveStd >= 0)) throw new Core.Errors.ConfigException("active_std", $"must be >= 0, got {ActiveStd}");
        return this;
    }
}

/// <summary>A condition-averaged population trajectory projected on the four task axes (columns choice, motion, colour, context).</summary>
public sealed record ManteTrajectory(int Context, string SortedBy, int Choice, double Coherence, int Trials, ReadOnlyMatrix Projection);

/// <summary>
/// Result of docs/analysis.md#mante-regression-subspace. Coefficients are per regressor, [regression sample × active unit], in the
/// preferred-choice-signed frame, after denoising; <see cref="RawCoefficients"/> before denoising.
/// <see cref="Axes"/> is [active unit × 4] (choice, motion, colour, context), orthonormal, in the signed frame
/// (Fig 4D); trajectories were projected on the same axes mapped back to the network's frame.
/// </summary>
public sealed record ManteRegression(
    IReadOnlyList<string> Regressors,
    IReadOnlyList<int> ActiveUnits,
    IReadOnlyList<int> PreferredChoice,
    IReadOnlyList<double> RegressionTimesMs,
    IReadOnlyList<ReadOnlyMatrix> RawCoefficients,
    IReadOnlyList<ReadOnlyMatrix> Coefficients,
    int DenoisingComponents,
    IReadOnlyList<int> MaxNormSample,
    ReadOnlyMatrix Axes,
    IReadOnlyList<ManteTrajectory> Trajectories,
    int Trials);
