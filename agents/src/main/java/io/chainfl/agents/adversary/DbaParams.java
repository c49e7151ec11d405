package io.chainfl.agents.adversary;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ImageShape;
import java.util.ArrayList;
import java.util.List;

/**
 * DBA, the distributed backdoor (Xie, Huang, Chen & Li, ICLR 2020): the global trigger is split into {@code parts}
 * local patterns and each attacker trains with only its own part; the attack success rate is measured with the
 * global trigger, which none of them ever trained on. The geometry is the paper's MNIST trigger: horizontal bars of
 * {@code part_length} pixels in a grid of two columns from the top-left corner, {@code gap} pixels apart (4 parts of
 * 1 x 4 at rows 0 and 3, columns 0-3 and 6-9). The attackers, in id order, take parts 0, 1, ... (cycling when there
 * are more attackers than parts). What each attacker trains with is a {@link DbaAttack}; the probe is the global one.
 */
@Doc("distributed backdoor: the global trigger (bars in the top-left corner) is split into parts, each attacker stamps only its own part on"
        + " poison_fraction of its images and relabels them to target; success is measured with the whole trigger; Xie et al. 2020")
public record DbaParams(
        @Doc("fraction of participants that plant the backdoor") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit participant ids instead of a fraction") List<Integer> ids,
        @Doc("first round in which they train on poisoned data") @Range(min = 1) Integer startRound,
        @Doc("label the triggered images get") @Range(min = 0) Integer target,
        @Doc("fraction of the attacker's samples that carry its part of the trigger") @Range(min = 0, max = 1) Double poisonFraction,
        @Doc("local patterns the global trigger is split into (one bar each)") @Range(min = 1, max = 64) Integer parts,
        @Doc("length of each bar in pixels") @Range(min = 1, max = 1000) Integer partLength,
        @Doc("pixels between neighbouring bars, across and down") @Range(min = 0, max = 1000) Integer gap,
        @Doc("pixel value of the trigger (MNIST pixels lie in [0, 1])") Double triggerValue) implements Adversary, BackdoorTrigger {

    public DbaParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        startRound = startRound == null ? 1 : startRound;
        target = target == null ? 0 : target;
        poisonFraction = poisonFraction == null ? 0.5 : poisonFraction;
        parts = parts == null ? 4 : parts;
        partLength = partLength == null ? 4 : partLength;
        gap = gap == null ? 2 : gap;
        triggerValue = triggerValue == null ? 1.0 : triggerValue;
    }

    /** The attackers in id order get parts 0, 1, ... (cycling); the first backdoor that names anyone defines the probe. */
    @Override
    public void applyTo(AdversaryPlan.Builder plan, List<Integer> members) {
        List<Integer> sorted = new ArrayList<>(members);
        sorted.sort(null);
        for (int i = 0; i < sorted.size(); i++) {
            plan.trainOn(sorted.get(i), new DbaAttack(this, i % parts));
            plan.probeBackdoor(this);
        }
    }

    /** Every test image not of the target class with the global trigger (all parts) stamped, labelled target. */
    @Override
    public Dataset probe(Dataset test) {
        checkFits(test);
        return BackdoorParams.triggered(test, target, (features, offset, shape) -> {
            for (int part = 0; part < parts; part++) {
                stampPart(part, features, offset, shape);
            }
        });
    }

    /** Part {@code part}'s bar: grid row part / 2, column part % 2, on every channel. */
    void stampPart(int part, float[] features, int offset, ImageShape shape) {
        int y = (part / 2) * (1 + gap);
        int x0 = (part % 2) * (partLength + gap);
        for (int c = 0; c < shape.channels(); c++) {
            for (int x = x0; x < x0 + partLength; x++) {
                features[offset + (c * shape.height() + y) * shape.width() + x] = triggerValue.floatValue();
            }
        }
    }

    /** The global trigger's height and width in pixels. */
    int[] triggerExtent() {
        int rows = (parts + 1) / 2;
        int columns = Math.min(parts, 2);
        return new int[] {(rows - 1) * (1 + gap) + 1, columns * partLength + (columns - 1) * gap};
    }

    void checkFits(Dataset data) {
        ImageShape shape = data.imageShape();
        if (shape == null) {
            throw new UserError("adversaries: dba stamps a pixel trigger and needs an image data set; " + data.name() + " has no image shape");
        }
        int[] extent = triggerExtent();
        if (extent[0] > shape.height() || extent[1] > shape.width()) {
            throw new UserError("adversaries: dba trigger of " + parts + " parts (part_length " + partLength + ", gap " + gap + ") spans " + extent[0] + "x"
                    + extent[1] + " pixels and does not fit the " + shape.height() + "x" + shape.width() + " images; lower parts, part_length or gap");
        }
        if (target >= data.numClasses()) {
            throw new UserError("adversaries: dba target " + target + " is not a class (0.." + (data.numClasses() - 1) + ")");
        }
    }
}
