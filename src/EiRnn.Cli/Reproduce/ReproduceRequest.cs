using EiRnn.Core.Errors;

namespace EiRnn.Cli.Reproduce;

/// <summary>What `reproduce` is asked to do (docs/reproduce.md), validated at the edge.</summary>
internal sealed record ReproduceRequest
{
    public required string OutDir { get; init; }
    /// <summary>The claims file (default data/claims/pycog.json).</summary>
    public required string ClaimsPath { get; init; }
    /// <summary>Folder of committed networks, one sub-folder per network with model.onnx (default models/).</summary>
    public required string ModelsDir { get; init; }
    /// <summary>Pipeline configs used by --train, one per network name (default data/pipelines/).</summary>
    public required string PipelinesDir { get; init; }
    /// <summary>Networks (folder names) or tasks to run; empty = all.</summary>
    public IReadOnlyList<string> Select { get; init; } = [];
    /// <summary>Train each network afresh from its pipeline config instead of using the committed model.</summary>
    public bool Train { get; init; }
    /// <summary>Caps every test set's trials per condition (quick looks and tests); null = the claims file's counts.</summary>
    public int? MaxTrialsPerCondition { get; init; }
    /// <summary>Write the model cards into models/&lt;name&gt;/README.md (committed models only); else DIR/&lt;name&gt;/README.md.</summary>
    public bool CardsNextToModels { get; init; } = true;
    public int Threads { get; init; } = 1;

    public ReproduceRequest Validated()
    {
        if (string.IsNullOrWhiteSpace(OutDir)) throw new ConfigException("--out", "must name an output folder");
        if (!File.Exists(ClaimsPath)) throw new ConfigException("--claims", $"'{ClaimsPath}' is not a file");
        if (!Directory.Exists(ModelsDir)) throw new ConfigException("--models", $"'{ModelsDir}' is not a folder");
        if (Train && !Directory.Exists(PipelinesDir)) throw new ConfigException("--pipelines", $"'{PipelinesDir}' is not a folder (needed by --train)");
        if (MaxTrialsPerCondition is < 1) throw new ConfigException("--max-trials-per-condition", $"must be >= 1, got {MaxTrialsPerCondition}");
        if (Threads < 1) throw new ConfigException("--threads", $"must be >= 1, got {Threads}");
        return this;
    }
}
