using System.Globalization;

namespace EiRnn.CurriculumReport;

/// <summary>One way of training: a name and the train config (JSON, as a user would write it).</summary>
internal sealed record ReportCase(string Name, string ConfigJson)
{
    private const string Common = """
        "network": { "type": "rate", "n": 50 }, "batch_size": 50, "dt_ms": 10, "max_trials": MAX,
        "task_options": { "coherences": [0.1] },
        """;

    /// <summary>docs/training.md#curriculum-learning (the authors' notebook): coherence 0.7, 0.5, 0.3, 0.1, accuracy 0.9 each, metric every batch.</summary>
    public static ReportCase Curriculum(long maxTrials) => new("curriculum", "{" + Common.Replace("MAX", maxTrials.ToString(CultureInfo.InvariantCulture)) + """
          "curriculum": { "metric_every_batches": 1, "stages": [
            { "task_options": { "coherences": [0.7] } }, { "task_options": { "coherences": [0.5] } },
            { "task_options": { "coherences": [0.3] } }, { "task_options": { "coherences": [0.1] } } ] }
        }
        """);

    /// <summary>Directly on coherence 0.1, measured the same way: a one-stage curriculum (accuracy 0.9 on a fresh batch, every batch).</summary>
    public static ReportCase Direct(long maxTrials) => new("direct", "{" + Common.Replace("MAX", maxTrials.ToString(CultureInfo.InvariantCulture)) + """
          "curriculum": { "metric_every_batches": 1, "stages": [ { "task_options": { "coherences": [0.1] } } ] }
        }
        """);
}
