namespace EiRnn.Onnx.Variants;

/// <summary>
/// Which graph <see cref="ModelVariantCompiler.Compile"/> builds from a network's weights. <see cref="Canonical"/> is the
/// file's graph; every other value performs the same floating-point operations on the same values (tested bitwise).
/// </summary>
public sealed record GraphVariant
{
    /// <summary>The canonical graph of docs/onnx-contract.md: no ports, batch-major, standard-normal noise, r for every step.</summary>
    public static GraphVariant Canonical { get; } = new();

    /// <summary>The perturbation ports the graph exposes (each with a neutral default).</summary>
    public PerturbationPorts Ports { get; init; } = PerturbationPorts.None;

    /// <summary>Memory order of the scanned tensors.</summary>
    public ScanLayout Layout { get; init; } = ScanLayout.BatchMajor;

    /// <summary>
    /// Time-major only: what <c>noise_rec</c> holds. A precomputed part of the drive offset spares the Scan a pass over
    /// each step's values; the feeder performs the same IEEE single operations, so the bits match.
    /// </summary>
    public NoiseRecFeed NoiseRecFeed { get; init; } = NoiseRecFeed.StandardNormal;

    /// <summary>
    /// Time-major only: z is computed inside the Scan and r is returned for the last step only (<see cref="PortNames.RLast"/>)
    /// instead of for every step.
    /// </summary>
    public bool LastRatesOnly { get; init; }

    /// <exception cref="ArgumentException">A combination the graph code cannot build.</exception>
    public GraphVariant Validated()
    {
        if (NoiseRecFeed != NoiseRecFeed.StandardNormal && Layout != ScanLayout.TimeMajor)
            throw new ArgumentException($"noise_rec_feed {NoiseRecFeed} needs the time-major layout, got {Layout}", nameof(NoiseRecFeed));
        if (NoiseRecFeed == NoiseRecFeed.DriveOffset && Ports.Stimulation)
            throw new ArgumentException("a variant with a stim port adds its bias in the graph; feed noise_rec scaled, not as the drive offset", nameof(NoiseRecFeed));
        if (LastRatesOnly && Layout != ScanLayout.TimeMajor)
            throw new ArgumentException($"last_rates_only needs the time-major layout, got {Layout}", nameof(LastRatesOnly));
        return this;
    }
}
