using EiRnn.Analysis.Mante;
using EiRnn.Analysis.Perturbation;
using EiRnn.Analysis.Psychometric;
using EiRnn.Analysis.Report;
using EiRnn.Analysis.Romo;
using EiRnn.Analysis.Trajectories;
using EiRnn.Core.Random;
using EiRnn.Data.Tables;

namespace EiRnn.Analysis.Runs;

/// <summary>What the sections of one run produce: result rows, figures written so far, report sections and notes.</summary>
internal sealed class RunOutput(string outDir, ulong seed, int bootstrapResamples)
{
    public string OutDir { get; } = outDir;
    public ulong Seed { get; } = seed;
    public PsychometricOptions Psychometric { get; } = new PsychometricOptions { BootstrapResamples = bootstrapResamples }.Validated();

    public List<PsychometricFitRow> Fits { get; } = [];
    public List<ConditionBehaviourRow> Behaviour { get; } = [];
    public List<DurationBinRow> Durations { get; } = [];
    public List<PerturbationEffect> Effects { get; } = [];
    public List<UnitSelectivityRow> Selectivity { get; } = [];
    public List<FixedPointRow> FixedPoints { get; } = [];
    /// <summary>Population results (null when not computed) and their tables, built by their sections.</summary>
    public TrajectoryPca? Pca { get; set; }
    public ManteRegression? Mante { get; set; }
    public RomoTuning? Romo { get; set; }
    public List<ResultTable> PopulationTables { get; } = [];
    public List<string> Notes { get; } = [];
    public List<ReportSection> Sections { get; } = [];
    public List<string> FigureFiles { get; } = [];

    /// <summary>The named stream "analysis/&lt;name&gt;" of this run's seed.</summary>
    public RandomStream Stream(string name) => RandomStream.Derive(Seed, "analysis/" + name);

    /// <summary>Saves a figure by file name next to index.html and returns its report entry.</summary>
    public ReportFigure Figure(string fileName, string caption, Action<string> save)
    {
        save(Path.Combine(OutDir, fileName));
        FigureFiles.Add(fileName);
        return new ReportFigure(fileName, caption);
    }

    public ReportSection SettingsSection() => new("Analysis settings",
    [
        $"Analysis seed {Seed}: every random stream is RandomStream.Derive({Seed}, \"analysis/<name>\").",
        $"Psychometric fits: cumulative Gaussian Φ((x − μ)/σ), {Psychometric.Estimator} estimator; " +
        $"{Psychometric.BootstrapResamples} bootstrap resamples within conditions, {100 * Psychometric.ConfidenceLevel:G3} % percentile intervals.",
        "Result tables (Parquet) are in tables/.",
        .. Notes,
    ], [], []);
}
