namespace EiRnn.Analysis.Report;

/// <summary>A table of pre-formatted cells.</summary>
public sealed record ReportTable(string Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>A figure next to index.html (relative file name) with its caption.</summary>
public sealed record ReportFigure(string FileName, string Caption);

public sealed record ReportSection(
    string Heading,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<ReportTable> Tables,
    IReadOnlyList<ReportFigure> Figures);

/// <summary>What the report says about the network (from the ONNX metadata and spec).</summary>
public sealed record ModelSummary(
    string ModelFile,
    string Task,
    int N, int NExc, int NInh, int Nin, int Nout,
    bool Dale,
    string Hidden,
    long? TrialsTrained,
    string? Metric,
    double? ValidationPerformance,
    double? Criterion,
    bool? Converged);

/// <summary>What the report says about the dataset (from its manifest and tables).</summary>
public sealed record DatasetSummary(
    string DatasetPath,
    long Trials,
    int Conditions,
    double DtMs,
    double DtSaveMs,
    IReadOnlyList<string> Perturbations,
    string Seeds);

public sealed record AnalysisReport(string Title, ModelSummary Model, DatasetSummary Dataset, IReadOnlyList<ReportSection> Sections);
