namespace ElBasar.Web.Features.Import;

/// <summary>What an import did: lines taken (created or updated) and lines rejected with their reason.</summary>
public sealed class ImportReport
{
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Taken => Created + Updated;
    public List<RejectedLine> Rejected { get; } = [];

    public void Reject(int line, string reason) => Rejected.Add(new RejectedLine(line, reason));
}

public sealed record RejectedLine(int Line, string Reason);
