using ElBasar.Web.Infrastructure.Geo;

namespace ElBasar.Tests.Infrastructure.Geo;

public sealed class GeoPointTests
{
    static readonly GeoPoint Lille = new(50.6314, 3.0569);
    static readonly GeoPoint Arras = new(50.2894, 2.7808);
    static readonly GeoPoint Dunkerque = new(51.0383, 2.3775);

    [Fact]
    public void Lille_is_about_43_km_from_Arras_as_the_crow_flies()
    {
        Assert.InRange(Lille.DistanceKmTo(Arras), 41.8, 43.8);
    }

    [Fact]
    public void Lille_is_about_65_km_from_Dunkerque_as_the_crow_flies()
    {
        Assert.InRange(Lille.DistanceKmTo(Dunkerque), 64.8, 66.8);
    }

    [Theory]
    [InlineData(0, 0, 1, 0, 111.195)]                    // one degree along a meridian
    [InlineData(0, 0, 0, 1, 111.195)]                    // one degree along the equator
    [InlineData(48.8566, 2.3522, 51.5074, -0.1278, 343.557)]   // Paris to London
    [InlineData(0, 0, 0, 180, 20_015.114)]               // antipodes: half the circumference
    [InlineData(0, 179.5, 0, -179.5, 111.195)]           // across the ±180° meridian
    public void Distance_matches_the_sphere(double lat1, double lon1, double lat2, double lon2, double expectedKm)
    {
        var from = new GeoPoint(lat1, lon1);
        var to = new GeoPoint(lat2, lon2);

        Assert.Equal(expectedKm, from.DistanceKmTo(to), 0.001);
        Assert.Equal(from.DistanceKmTo(to), to.DistanceKmTo(from), 1e-9);
        Assert.Equal(0, from.DistanceKmTo(from));
    }

    [Theory]
    [InlineData(50.6314, 3.0569, 10)]
    [InlineData(50.6314, 3.0569, 100)]
    [InlineData(0, 0, 50)]
    [InlineData(-45, 170, 300)]
    [InlineData(69.65, 18.96, 200)]
    [InlineData(16.25, -61.58, 0.5)]
    public void Bounding_box_contains_every_point_at_the_radius(double latitude, double longitude, double radiusKm)
    {
        var centre = new GeoPoint(latitude, longitude);
        var box = GeoPoint.BoundingBox(centre, radiusKm);

        // North, east, south and west first, then every 5°: the widest longitudes are not due east or west.
        foreach (var bearing in new double[] { 0, 90, 180, 270 }.Concat(Enumerable.Range(0, 72).Select(i => i * 5.0)))
        {
            var point = PointAt(centre, bearing, radiusKm);
            Assert.Equal(radiusKm, centre.DistanceKmTo(point), 1e-6);
            Assert.InRange(point.Latitude, box.MinLat, box.MaxLat);
            Assert.InRange(point.Longitude, box.MinLon, box.MaxLon);
        }
    }

    [Fact]
    public void Bounding_box_is_hardly_bigger_than_the_circle()
    {
        var box = GeoPoint.BoundingBox(Lille, 10);

        Assert.Equal(2 * 10 / 111.195, box.MaxLat - box.MinLat, 1e-4);
        Assert.Equal(PointAt(Lille, 0, 10).Latitude, box.MaxLat, 1e-6);
        // At 50.6° north a degree of longitude is about 70.6 km.
        Assert.Equal(2 * 10 / 70.6, box.MaxLon - box.MinLon, 1e-3);
    }

    [Theory]
    [InlineData(89.9, 0, 50)]        // the pole is inside the circle
    [InlineData(-89.95, 45, 10)]
    [InlineData(0, 179.9, 50)]       // the circle crosses the ±180° meridian
    [InlineData(-17.5, -179.95, 20)]
    public void Bounding_box_takes_every_longitude_near_a_pole_or_the_date_line(double latitude, double longitude, double radiusKm)
    {
        var box = GeoPoint.BoundingBox(new GeoPoint(latitude, longitude), radiusKm);

        Assert.Equal((-180d, 180d), (box.MinLon, box.MaxLon));
        Assert.InRange(box.MinLat, -90, latitude);
        Assert.InRange(box.MaxLat, latitude, 90);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public void Bounding_box_refuses_a_radius_below_zero(double radiusKm)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GeoPoint.BoundingBox(Lille, radiusKm));
    }

    [Theory]
    [InlineData(50.6314, 3.0569, true)]
    [InlineData(90, 180, true)]
    [InlineData(-90, -180, true)]
    [InlineData(90.0001, 0, false)]
    [InlineData(0, -180.0001, false)]
    [InlineData(double.NaN, 0, false)]
    [InlineData(0, double.PositiveInfinity, false)]
    public void Position_is_valid_only_within_the_ranges(double latitude, double longitude, bool valid)
    {
        Assert.Equal(valid, GeoPoint.IsValid(latitude, longitude));
    }

    // The point reached from `from` after `km` along the great circle leaving at `bearing` degrees from north.
    static GeoPoint PointAt(GeoPoint from, double bearing, double km)
    {
        var angle = km / 6371.0088;
        var latitude = double.DegreesToRadians(from.Latitude);
        var theta = double.DegreesToRadians(bearing);
        var toLatitude = Math.Asin(Math.Sin(latitude) * Math.Cos(angle) + Math.Cos(latitude) * Math.Sin(angle) * Math.Cos(theta));
        var deltaLongitude = Math.Atan2(
            Math.Sin(theta) * Math.Sin(angle) * Math.Cos(latitude),
            Math.Cos(angle) - Math.Sin(latitude) * Math.Sin(toLatitude));
        var toLongitude = (from.Longitude + double.RadiansToDegrees(deltaLongitude) + 540) % 360 - 180;
        return new GeoPoint(double.RadiansToDegrees(toLatitude), toLongitude);
    }
}
