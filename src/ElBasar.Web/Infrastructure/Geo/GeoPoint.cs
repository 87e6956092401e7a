namespace ElBasar.Web.Infrastructure.Geo;

/// <summary>A point in WGS84 degrees.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    const double EarthRadiusKm = 6371.0088;

    /// <summary>Great-circle distance (haversine).</summary>
    public double DistanceKmTo(GeoPoint other)
    {
        var dLat = Radians(other.Latitude - Latitude);
        var dLon = Radians(other.Longitude - Longitude);
        var a = Math.Pow(Math.Sin(dLat / 2), 2)
                + Math.Cos(Radians(Latitude)) * Math.Cos(Radians(other.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>A box that surely contains the circle: a cheap, indexable pre-filter before the exact distance.</summary>
    public static (double MinLat, double MaxLat, double MinLon, double MaxLon) BoundingBox(GeoPoint centre, double radiusKm)
    {
        var dLat = radiusKm / EarthRadiusKm * 180 / Math.PI;
        var maxAbsLat = Math.Min(89.9, Math.Abs(centre.Latitude) + dLat);
        var dLon = dLat / Math.Cos(Radians(maxAbsLat));
        return (centre.Latitude - dLat, centre.Latitude + dLat, centre.Longitude - dLon, centre.Longitude + dLon);
    }

    public static bool IsValid(double latitude, double longitude) =>
        double.IsFinite(latitude) && double.IsFinite(longitude) && latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180;

    static double Radians(double degrees) => degrees * Math.PI / 180;
}
