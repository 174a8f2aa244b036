package dev.berth.provider.aws.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** Everything the emulated EC2 remembers. Guarded by {@link Account#lock}. */
final class Ec2State {

    static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

    final Map<String, Ec2Model.Instance> instances = new LinkedHashMap<>();
    final Map<String, Ec2Model.Volume> volumes = new LinkedHashMap<>();
    final Map<String, Ec2Model.Image> images = new LinkedHashMap<>();
    final Map<String, Ec2Model.ReplaceRootTask> replaceTasks = new LinkedHashMap<>();
    /** RunInstances client token → the instances it made. */
    final Map<String, java.util.List<String>> runTokens = new LinkedHashMap<>();

    Ec2Model.Instance instance(String id) {
        if (!id.matches("i-[0-9a-f]{8,17}")) {
            throw AwsError.badRequest("InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\"");
        }
        Ec2Model.Instance instance = instances.get(id);
        if (instance == null) {
            throw AwsError.badRequest("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
        }
        return instance;
    }

    Ec2Model.Image image(String id) {
        if (!id.matches("ami-[0-9a-f]{8,17}")) {
            throw AwsError.badRequest("InvalidAMIID.Malformed", "Invalid id: \"" + id + "\" (expecting \"ami-...\")");
        }
        Ec2Model.Image image = images.get(id);
        if (image == null || image.deregistered) {
            throw AwsError.badRequest("InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist");
        }
        return image;
    }
}
