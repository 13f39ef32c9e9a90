namespace EiRnn.Simulation.Session;

/// <summary>Which of a <see cref="ModelSession"/>'s graphs a chunk runs on.</summary>
internal enum SessionGraph
{
    /// <summary>The model (or its compiled variant): z, r for every step and x_last.</summary>
    Main,
    /// <summary>The batch-major twin for chunks of one trial (<see cref="ModelSession.RunsSingleTrialsBatchMajor"/>).</summary>
    SingleTrialTwin,
    /// <summary>The last-rates twin: z for every step, r_last and x_last (<see cref="ModelSession.HasLastRatesTwin"/>).</summary>
    LastRates,
}
