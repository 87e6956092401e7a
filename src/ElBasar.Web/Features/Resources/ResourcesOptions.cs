namespace ElBasar.Web.Features.Resources;

/// <summary>The library's settings (section <c>Resources</c>).</summary>
public sealed class ResourcesOptions
{
    public const string Section = "Resources";

    /// <summary>The largest file accepted, in megabytes (10 by default): files are kept in the database.</summary>
    public int MaxFileMegabytes { get; set; } = 10;

    public int MaxFileBytes => MaxFileMegabytes * 1024 * 1024;

    /// <summary>
    /// What the add and edit forms accept in one request: twice the file limit and a megabyte for the
    /// other fields, so a file somewhat too large gets its French message with the typed fields kept,
    /// while a much larger one is cut off before it is read.
    /// </summary>
    public long MaxRequestBytes => 2L * MaxFileBytes + 1024 * 1024;
}
