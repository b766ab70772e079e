using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Unico.IdCloud.Benchmarks.Infrastructure;

/// <summary>
/// Allocated bytes per operation divided by the payload size (the <c>PdfBytes</c> parameter): the number the payload
/// targets are written in ("CreateProcess allocates at most 2× the PDF").
/// </summary>
internal sealed class AllocationPerPayloadColumn : IColumn
{
    public const string PayloadParameter = "PdfBytes";

    public string Id => nameof(AllocationPerPayloadColumn);
    public string ColumnName => "Alloc/PDF";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Metric;
    public int PriorityInCategory => 10;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"Allocated bytes per operation ÷ {PayloadParameter}";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report is null || benchmarkCase.Parameters[PayloadParameter] is not int payload || payload <= 0)
        {
            return "-";
        }

        var allocated = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        return allocated is null ? "-" : (allocated.Value / (double)payload).ToString("0.00", CultureInfo.InvariantCulture) + "x";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
