namespace ElBasar.Web.Features.Import;

/// <summary>What an import did: lines taken (created, updated or already up to date) and lines rejected with their reason.</summary>
public sealed class ImportReport
{
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Taken => Created + Updated + Unchanged;
    public List<RejectedLine> Rejected { get; } = [];

    /// <summary>Called by the thread that reads the lines and by the one that writes them (Importer).</summary>
    public void Reject(int line, string reason)
    {
        lock (Rejected) Rejected.Add(new RejectedLine(line, reason));
    }

    public void Count(bool created, bool changed)
    {
        if (created) Created++;
        else if (changed) Updated++;
        else Unchanged++;
    }
}

public sealed record RejectedLine(int Line, string Reason);
