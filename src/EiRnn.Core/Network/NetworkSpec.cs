namespace EiRnn.Core.Network;

/// <summary>
/// Everything about a network except its weight values: sizes, unit types and areas, time constants,
/// input baseline and noise, nonlinearities. Serialised verbatim as the ONNX metadata <c>eirnn.spec</c>.
/// Per-unit and per-channel lists are immutable; build them with the factory helpers.
/// </summary>
public sealed record NetworkSpec
{
    public NetworkArch Arch { get; init; } = NetworkArch.EiRnn;
    public required int N { get; init; }
    public required int Nin { get; init; }
    public required int Nout { get; init; }

    /// <summary>Dale's law: column j of W_rec and W_out carries unit j's sign; W_in ≥ 0.</summary>
    public required bool Dale { get; init; }

    /// <summary>Length N. Non-Dale networks mark every unit excitatory (n_inh = 0).</summary>
    public required IReadOnlyList<UnitType> UnitTypes { get; init; }

    /// <summary>Length N: area name of each unit ("all" when the network has one area).</summary>
    public required IReadOnlyList<string> UnitAreas { get; init; }

    /// <summary>Length N: sensory input group of each unit ("" when it receives none or all inputs).</summary>
    public required IReadOnlyList<string> UnitInputGroups { get; init; }

    /// <summary>Length N, ms.</summary>
    public required IReadOnlyList<float> TauMs { get; init; }

    public float TauInMs { get; init; } = 100f;

    /// <summary>Length Nin: baseline u0 added to each input channel at every step.</summary>
    public required IReadOnlyList<float> U0 { get; init; }

    /// <summary>Rectify u0 + u + input noise (pycog); off for the PsychRNN preset.</summary>
    public bool RectifyInputs { get; init; } = true;

    public HiddenNonlinearity Hidden { get; init; } = HiddenNonlinearity.Rectify;
    public OutputNonlinearity Output { get; init; } = OutputNonlinearity.Linear;

    public float SigmaIn { get; init; }
    public float SigmaRec { get; init; }

    /// <summary>The Δt the network was trained with (ms).</summary>
    public required float DtTrainMs { get; init; }

    public required IReadOnlyList<string> InputNames { get; init; }
    public required IReadOnlyList<string> OutputNames { get; init; }

    /// <summary>Where the masks came from: structure, seed, autapses, readout rule (provenance only).</summary>
    public string Connectivity { get; init; } = "";

    public int NExc => UnitTypes.Count(t => t == UnitType.Excitatory);
    public int NInh => N - NExc;

    /// <summary>+1 for excitatory, −1 for inhibitory units (all +1 when not Dale).</summary>
    public float Sign(int unit) => Dale && UnitTypes[unit] == UnitType.Inhibitory ? -1f : 1f;

    /// <summary>Checks internal consistency; throws <see cref="Errors.ConfigException"/> naming the field.</summary>
    public NetworkSpec Validated()
    {
        static void Need(bool ok, string field, string problem)
        {
            if (!ok) throw new Errors.ConfigException(field, problem);
        }
        Need(N >= 1 && N <= 100_000, "n", $"must be in [1, 100000], got {N}");
        Need(Nin >= 1 && Nin <= 10_000, "nin", $"must be in [1, 10000], got {Nin}");
        Need(Nout >= 1 && Nout <= 10_000, "nout", $"must be in [1, 10000], got {Nout}");
        Need(UnitTypes.Count == N, "unit_types", $"must have N = {N} entries, has {UnitTypes.Count}");
        Need(UnitAreas.Count == N, "unit_areas", $"must have N = {N} entries, has {UnitAreas.Count}");
        Need(UnitInputGroups.Count == N, "unit_input_groups", $"must have N = {N} entries, has {UnitInputGroups.Count}");
        Need(TauMs.Count == N, "tau_ms", $"must have N = {N} entries, has {TauMs.Count}");
        Need(TauMs.All(t => t > 0 && float.IsFinite(t)), "tau_ms", "must be > 0 for every unit");
        Need(TauInMs > 0 && float.IsFinite(TauInMs), "tau_in_ms", $"must be > 0, got {TauInMs}");
        Need(U0.Count == Nin, "u0", $"must have Nin = {Nin} entries, has {U0.Count}");
        Need(SigmaIn >= 0 && float.IsFinite(SigmaIn), "sigma_in", $"must be >= 0, got {SigmaIn}");
        Need(SigmaRec >= 0 && float.IsFinite(SigmaRec), "sigma_rec", $"must be >= 0, got {SigmaRec}");
        Need(DtTrainMs > 0 && float.IsFinite(DtTrainMs), "dt_train_ms", $"must be > 0, got {DtTrainMs}");
        Need(InputNames.Count == Nin, "input_names", $"must have Nin = {Nin} entries, has {InputNames.Count}");
        Need(OutputNames.Count == Nout, "output_names", $"must have Nout = {Nout} entries, has {OutputNames.Count}");
        Need(Dale || UnitTypes.All(t => t == UnitType.Excitatory), "unit_types", "must be all excitatory in a non-Dale network");
        return this;
    }

    /// <summary>Unit types for N units of which the first floor(eFraction·N) are excitatory (docs/model.md#dales-law-and-effective-weights).</summary>
    public static IReadOnlyList<UnitType> FirstExcitatory(int n, double excitatoryFraction)
    {
        if (excitatoryFraction < 0 || excitatoryFraction > 1)
            throw new Errors.ConfigException("excitatory_fraction", $"must be in [0, 1], got {excitatoryFraction}");
        int nExc = (int)Math.Floor(excitatoryFraction * n + 1e-9);
        return Enumerable.Range(0, n).Select(i => i < nExc ? UnitType.Excitatory : UnitType.Inhibitory).ToArray();
    }

    public static IReadOnlyList<T> Repeat<T>(T value, int count) => Enumerable.Repeat(value, count).ToArray();
}
