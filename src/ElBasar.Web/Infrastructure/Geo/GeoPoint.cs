namespace ElBasar.Web.Infrastructure.Geo;

/// <summary>A WGS 84 position in decimal degrees; distances are taken on a sphere.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    // The mean earth radius (IUGG): on this sphere a distance is within 0.5 % of the ellipsoid's anywhere, far
    // finer than a radius filter needs.
    const double EarthRadiusKm = 6371.0088;

    // About a millimetre: a point exactly on the circle stays inside its box whatever the rounding.
    const double MarginRadians = 1e-10;

    /// <summary>Whether the pair is a position: both finite, latitude in [-90, 90], longitude in [-180, 180].</summary>
    public static bool IsValid(double latitude, double longitude) =>
        latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180;   // NaN and infinities fail the ranges

    /// <summary>The great-circle distance in kilometres (haversine).</summary>
    public double DistanceKmTo(GeoPoint other)
    {
        var latitude1 = double.DegreesToRadians(Latitude);
        var latitude2 = double.DegreesToRadians(other.Latitude);
        var halfDeltaLatitude = (latitude2 - latitude1) / 2;
        var halfDeltaLongitude = double.DegreesToRadians(other.Longitude - Longitude) / 2;
        var h = Math.Sin(halfDeltaLatitude) * Math.Sin(halfDeltaLatitude)
            + Math.Cos(latitude1) * Math.Cos(latitude2) * Math.Sin(halfDeltaLongitude) * Math.Sin(halfDeltaLongitude);
        // Rounding can push h a hair above 1 for antipodes, where Asin would return NaN.
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>
    /// A latitude/longitude box containing every point within <paramref name="radiusKm"/> of the centre, for an
    /// indexed pre-filter (BETWEEN on both columns) before the exact distance. The longitude span is the one at the
    /// circle's widest, not at the centre's latitude. Near a pole, or across the ±180° meridian, the box takes every
    /// longitude, so the pre-filter stays two plain ranges.
    /// </summary>
    public static (double MinLat, double MaxLat, double MinLon, double MaxLon) BoundingBox(GeoPoint centre, double radiusKm)
    {
        if (radiusKm is not >= 0) throw new ArgumentOutOfRangeException(nameof(radiusKm), radiusKm, "A radius is zero or more.");

        var angle = radiusKm / EarthRadiusKm + MarginRadians;
        var latitude = double.DegreesToRadians(centre.Latitude);
        var minLatitude = latitude - angle;
        var maxLatitude = latitude + angle;
        if (minLatitude <= -Math.PI / 2 || maxLatitude >= Math.PI / 2)
            return (Math.Max(double.RadiansToDegrees(minLatitude), -90), Math.Min(double.RadiansToDegrees(maxLatitude), 90), -180, 180);

        // The meridians tangent to the circle (Bronshtein; J. P. Matuschek, "Finding points within a distance").
        // Neither pole is inside, so sin(angle) < cos(latitude) and Asin is defined.
        var deltaLongitude = double.RadiansToDegrees(Math.Asin(Math.Sin(angle) / Math.Cos(latitude)));
        var minLongitude = centre.Longitude - deltaLongitude;
        var maxLongitude = centre.Longitude + deltaLongitude;
        if (minLongitude < -180 || maxLongitude > 180) (minLongitude, maxLongitude) = (-180, 180);
        return (double.RadiansToDegrees(minLatitude), double.RadiansToDegrees(maxLatitude), minLongitude, maxLongitude);
    }
}
