namespace ElBasar.Web.Infrastructure.Web;

/// <summary>One line of the facilitators' dashboard: how many things wait, and where to deal with them.</summary>
public sealed record BackOfficeTile(int Order, string Title, int Count, string Link, string Explanation);

/// <summary>
/// What a feature puts on the facilitators' dashboard (<c>/animation</c>): each feature counts its own
/// waiting work, so the dashboard knows no feature's tables.
/// </summary>
public interface IBackOfficeSource
{
    Task<IReadOnlyList<BackOfficeTile>> TilesAsync(CancellationToken ct);
}
