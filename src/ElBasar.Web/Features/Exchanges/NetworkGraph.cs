using System.Globalization;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>
/// Who exchanges with whom, laid out on the server as an SVG: the organisations with the most exchanges
/// on a circle, a line per pair whose width grows with their confirmed exchanges. No script needed; the
/// table beside it says the same.
/// </summary>
public sealed class NetworkGraph
{
    public const int Size = 720, MaxNodes = 30;

    public sealed record Node(Guid Id, string Name, double X, double Y, double Radius, int Exchanges, bool LabelLeft);
    public sealed record Edge(Node A, Node B, double Width, int Exchanges);

    public IReadOnlyList<Node> Nodes { get; }
    public IReadOnlyList<Edge> Edges { get; }

    public NetworkGraph(IReadOnlyList<ImpactLink> links)
    {
        var weights = new Dictionary<Guid, (string Name, int Exchanges)>();
        foreach (var l in links)
        {
            weights[l.A] = (l.AName, weights.GetValueOrDefault(l.A).Exchanges + l.Exchanges);
            weights[l.B] = (l.BName, weights.GetValueOrDefault(l.B).Exchanges + l.Exchanges);
        }
        var chosen = weights.OrderByDescending(w => w.Value.Exchanges).ThenBy(w => w.Value.Name, StringComparer.Ordinal).Take(MaxNodes).ToList();
        var max = Math.Max(1, chosen.Count == 0 ? 1 : chosen.Max(c => c.Value.Exchanges));
        var centre = Size / 2.0;
        var ring = Size / 2.0 - 150;
        var nodes = chosen.Select((c, i) =>
        {
            var angle = 2 * Math.PI * i / Math.Max(1, chosen.Count) - Math.PI / 2;
            var x = centre + ring * Math.Cos(angle);
            return new Node(c.Key, c.Value.Name, x, centre + ring * Math.Sin(angle), 4 + 10 * Math.Sqrt((double)c.Value.Exchanges / max), c.Value.Exchanges, x < centre - 1);
        }).ToDictionary(n => n.Id);
        Nodes = nodes.Values.ToList();
        var heaviest = Math.Max(1, links.Count == 0 ? 1 : links.Max(l => l.Exchanges));
        Edges = links.Where(l => nodes.ContainsKey(l.A) && nodes.ContainsKey(l.B))
            .Select(l => new Edge(nodes[l.A], nodes[l.B], 1 + 7 * Math.Sqrt((double)l.Exchanges / heaviest), l.Exchanges)).ToList();
    }

    /// <summary>The node's name as an SVG text element (written by hand: Razor keeps &lt;text&gt; for itself).</summary>
    public static string Label(Node n)
    {
        var name = n.Name.Length > 24 ? n.Name[..23] + "…" : n.Name;
        var x = n.LabelLeft ? n.X - n.Radius - 4 : n.X + n.Radius + 4;
        return $"<text x=\"{N(x)}\" y=\"{N(n.Y + 4)}\" font-size=\"12\" fill=\"#1b1b1b\" text-anchor=\"{(n.LabelLeft ? "end" : "start")}\">{System.Net.WebUtility.HtmlEncode(name)}</text>";
    }

    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
