#!/usr/bin/env python3
"""Checks Tally's TensorRT NMS-plugin decoders against the plugins' own outputs (docs/engines.md).

  python3 tools/trt_plugin_check.py make DIR
      writes two small detectors that end in a TensorRT NMS plugin node, as TAO exports do:
        effnms.onnx  NHWC input [1,64,64,3] -> EfficientNMS_TRT (boxes ymin,xmin,ymax,xmax in pixels, as TAO
                     EfficientDet), outputs num_detections, detection_boxes, detection_scores, detection_classes
        bnms.onnx    NCHW input [1,3,64,64] -> BatchedNMSDynamic_TRT (normalised x1,y1,x2,y2, as TAO YOLOv4),
                     outputs num_detections, nmsed_boxes, nmsed_scores, nmsed_classes
      their plugin-free halves (pre_*.onnx, run by ONNX Runtime for the reference), test images and Tally configs.
      The network: 64 fixed 16x16 anchors on an 8x8 grid; the score of class c at a cell is the mean of colour
      channel c over the cell (so coloured blocks light overlapping anchors and NMS has work to do).
  python3 tools/trt_plugin_check.py check DIR NAME DETECT_OUTPUT
      compares what `tally engine detect --raw` printed for NAME (effnms or bnms) with (1) the plugin's raw
      output rows mapped to input pixels by hand and (2) a per-class greedy NMS (numpy) over the ONNX Runtime
      output of the plugin-free half. Exit 0 when all three agree.
"""
import json
import os
import sys

import numpy as np

SIZE, CELL, ANCHOR, CLASSES, KEEP = 64, 8, 16, 3, 20
SCORE_T, IOU_T = 0.2, 0.3
LABELS = ["forklift", "person", "pallet"]


def anchors_xyxy():
    out = []
    for gy in range(SIZE // CELL):
        for gx in range(SIZE // CELL):
            cx, cy = gx * CELL + CELL / 2, gy * CELL + CELL / 2
            out.append([cx - ANCHOR / 2, cy - ANCHOR / 2, cx + ANCHOR / 2, cy + ANCHOR / 2])
    return np.array(out, dtype=np.float32)


def graphs(d):
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    a = anchors_xyxy()
    n = a.shape[0]

    def scores_nodes(nhwc):
        nodes = []
        src = "input"
        if nhwc:
            nodes.append(helper.make_node("Transpose", ["input"], ["nchw"], perm=[0, 3, 1, 2]))
            src = "nchw"
        nodes += [
            helper.make_node("AveragePool", [src], ["pooled"], kernel_shape=[CELL, CELL], strides=[CELL, CELL]),
            helper.make_node("Reshape", ["pooled", "shape_c_n"], ["flat"]),
            helper.make_node("Transpose", ["flat"], ["scores"], perm=[0, 2, 1]),
        ]
        return nodes

    def model(name, nhwc, boxes, box_shape, nms):
        inp = helper.make_tensor_value_info("input", TensorProto.FLOAT,
                                            [1, SIZE, SIZE, 3] if nhwc else [1, 3, SIZE, SIZE])
        inits = [numpy_helper.from_array(np.array([1, CLASSES, n], dtype=np.int64), "shape_c_n"),
                 numpy_helper.from_array(boxes.reshape(box_shape), "boxes")]
        nodes = scores_nodes(nhwc)
        if nms is None:
            outs = [helper.make_tensor_value_info("scores", TensorProto.FLOAT, [1, n, CLASSES]),
                    helper.make_tensor_value_info("boxes_out", TensorProto.FLOAT, list(box_shape))]
            nodes.append(helper.make_node("Identity", ["boxes"], ["boxes_out"]))
        else:
            op, attrs, outs = nms
            nodes.append(helper.make_node(op, ["boxes", "scores"], [o.name for o in outs], **attrs))
        g = helper.make_graph(nodes, name, [inp], outs, inits)
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
        m.ir_version = 8
        onnx.save(m, os.path.join(d, name + ".onnx"))

    # EfficientNMS: boxes as TAO EfficientDet gives them, ymin,xmin,ymax,xmax in input pixels
    yxyx = a[:, [1, 0, 3, 2]]
    eff_outs = [helper.make_tensor_value_info("num_detections", TensorProto.INT32, [1, 1]),
                helper.make_tensor_value_info("detection_boxes", TensorProto.FLOAT, [1, KEEP, 4]),
                helper.make_tensor_value_info("detection_scores", TensorProto.FLOAT, [1, KEEP]),
                helper.make_tensor_value_info("detection_classes", TensorProto.INT32, [1, KEEP])]
    model("effnms", True, yxyx, (1, n, 4), ("EfficientNMS_TRT", dict(
        plugin_version="1", background_class=-1, box_coding=0, iou_threshold=IOU_T, max_output_boxes=KEEP,
        score_activation=0, score_threshold=SCORE_T), eff_outs))
    model("pre_effnms", True, yxyx, (1, n, 4), None)
    # BatchedNMSDynamic: normalised x1,y1,x2,y2, one box per anchor shared by the classes, as TAO YOLOv4
    norm = a / SIZE
    b_outs = [helper.make_tensor_value_info("num_detections", TensorProto.INT32, [1, 1]),
              helper.make_tensor_value_info("nmsed_boxes", TensorProto.FLOAT, [1, KEEP, 4]),
              helper.make_tensor_value_info("nmsed_scores", TensorProto.FLOAT, [1, KEEP]),
              helper.make_tensor_value_info("nmsed_classes", TensorProto.FLOAT, [1, KEEP])]
    model("bnms", False, norm, (1, n, 1, 4), ("BatchedNMSDynamic_TRT", dict(
        plugin_version="1", shareLocation=1, backgroundLabelId=-1, numClasses=CLASSES, topK=n, keepTopK=KEEP,
        scoreThreshold=SCORE_T, iouThreshold=IOU_T, isNormalized=1, clipBoxes=1, scoreBits=16,
        caffeSemantics=1), b_outs))
    model("pre_bnms", False, norm, (1, n, 1, 4), None)


def images(d):
    from PIL import Image
    rnd = np.random.default_rng(7)
    os.makedirs(os.path.join(d, "images"), exist_ok=True)
    names = []
    for k in range(6):
        img = (rnd.random((SIZE, SIZE, 3)) * 40).astype(np.uint8)
        for _ in range(4):
            w, h = rnd.integers(10, 30, size=2)
            x, y = rnd.integers(0, SIZE - 8, size=2)
            c = rnd.integers(0, 3)
            # noisy blocks: no two cells have the same mean (ties would leave NMS order to chance)
            block = img[y:y + h, x:x + w, c]
            block[...] = rnd.integers(150, 226) + rnd.integers(0, 30, size=block.shape)
        name = "p%d.png" % k
        Image.fromarray(img).save(os.path.join(d, "images", name))
        names.append(name)
    return names


def configs(d):
    common = ('labels = [%s], input-height = %d, input-width = %d, precision = fp32, batch-size = 1, '
              'pre-cluster-threshold = %s, top-k = 100, runtime = tensorrt') % (", ".join(LABELS), SIZE, SIZE, SCORE_T)
    for name, typ in (("effnms", "efficientdet"), ("bnms", "yolov4")):
        with open(os.path.join(d, name + ".conf"), "w") as f:
            f.write('tally {\n  state-dir = state\n  cameras = [ { id = cam, uri = "sim://warehouse?seed=1" } ]\n'
                    '  model { type = %s, onnx = %s.onnx, %s }\n}\n' % (typ, name, common))


def nms(boxes, scores):
    """Per-class greedy NMS (score > SCORE_T, IoU > IOU_T suppresses), then the KEEP best overall."""
    def iou(p, q):
        ix = max(0.0, min(p[2], q[2]) - max(p[0], q[0]))
        iy = max(0.0, min(p[3], q[3]) - max(p[1], q[1]))
        inter = ix * iy
        return inter / ((p[2] - p[0]) * (p[3] - p[1]) + (q[2] - q[0]) * (q[3] - q[1]) - inter)
    kept = []
    for c in range(scores.shape[1]):
        order = [i for i in np.argsort(-scores[:, c], kind="stable") if scores[i, c] > SCORE_T]
        chosen = []
        for i in order:
            if all(iou(boxes[i], boxes[j]) <= IOU_T for j in chosen):
                chosen.append(i)
        kept += [(c, float(scores[i, c]), boxes[i]) for i in chosen]
    kept.sort(key=lambda r: -r[1])
    return kept[:KEEP]


def clamp(b):
    return [min(max(v, 0.0), float(SIZE)) for v in b]


def reference(d, name, image):
    import onnxruntime as ort
    from PIL import Image
    x = np.asarray(Image.open(os.path.join(d, "images", image)).convert("RGB"), dtype=np.float32) * np.float32(1 / 255.0)
    if name == "bnms":
        x = x.transpose(2, 0, 1)
    s = ort.InferenceSession(os.path.join(d, "pre_" + name + ".onnx"), providers=["CPUExecutionProvider"])
    scores, boxes = s.run(["scores", "boxes_out"], {"input": x[None]})
    boxes = boxes.reshape(-1, 4)
    # NMS on the boxes as given (EfficientNMS never clips; BatchedNMS clips only its outputs), then clamped
    xyxy = boxes[:, [1, 0, 3, 2]] if name == "effnms" else boxes * SIZE
    return [(c, sc, clamp(b.tolist())) for c, sc, b in nms(xyxy, scores[0])]


def parse(path, images, tensors=4):
    """Per image: Tally's detections and the raw output tensors (each image's detection lines, then its
    `tensors` raw lines, images in the order given on the command line)."""
    det = {i: [] for i in images}
    raw = {i: {} for i in images}
    blocks = 0
    for line in open(path):
        p = line.split()
        if not p or p[0] == "engine":
            continue
        if p[0] == "raw":
            raw[images[blocks // tensors]][p[1]] = [float(v) for v in p[2:]]
            blocks += 1
        else:
            det[p[0]].append((LABELS.index(p[1]), float(p[2]), [float(v) for v in p[3:7]]))
    return det, raw


def from_raw(name, raw):
    """The plugin's own rows, mapped to x1,y1,x2,y2 input pixels by hand."""
    rows = []
    if name == "effnms":
        n = int(raw["num_detections"][0])
        for i in range(n):
            y1, x1, y2, x2 = raw["detection_boxes"][4 * i:4 * i + 4]
            rows.append((int(raw["detection_classes"][i]), raw["detection_scores"][i], clamp([x1, y1, x2, y2])))
    else:
        n = int(raw["num_detections"][0])
        for i in range(n):
            b = [v * SIZE for v in raw["nmsed_boxes"][4 * i:4 * i + 4]]
            rows.append((int(raw["nmsed_classes"][i]), raw["nmsed_scores"][i], clamp(b)))
    return [r for r in rows if r[1] >= SCORE_T and r[2][2] > r[2][0] and r[2][3] > r[2][1]]


def same(a, b, box_tol, score_tol):
    key = lambda r: (r[0], round(r[2][0]), round(r[2][1]), -r[1])
    a, b = sorted(a, key=key), sorted(b, key=key)
    if len(a) != len(b):
        return False, "%d vs %d detections" % (len(a), len(b))
    worst_box = worst_score = 0.0
    for p, q in zip(a, b):
        if p[0] != q[0]:
            return False, "class %d vs %d" % (p[0], q[0])
        worst_box = max(worst_box, max(abs(u - v) for u, v in zip(p[2], q[2])))
        worst_score = max(worst_score, abs(p[1] - q[1]))
    ok = worst_box <= box_tol and worst_score <= score_tol
    return ok, "max |box diff| %.4f px, max |score diff| %.6f" % (worst_box, worst_score)


def check(d, name, out):
    det, raw = parse(out, sorted(os.listdir(os.path.join(d, "images"))))
    ok_all = True
    print("%-8s %-7s %5s %5s %5s  %-46s %s" % ("plugin", "image", "tally", "raw", "ref", "tally vs raw rows", "tally vs numpy NMS on ONNX Runtime"))
    for image in sorted(det):
        t, r = det[image], from_raw(name, raw.get(image, {}))
        ref = reference(d, name, image)
        ok1, m1 = same(t, r, 1e-3, 1e-6)
        ok2, m2 = same(t, ref, 1e-2, 1e-4)
        ok_all &= ok1 and ok2
        print("%-8s %-7s %5d %5d %5d  %-46s %s" % (name, image, len(t), len(r), len(ref),
                                                 ("ok " if ok1 else "BAD ") + m1, ("ok " if ok2 else "BAD ") + m2))
    print("%s: %s" % (name, "decoder agrees with the plugin's outputs" if ok_all else "MISMATCH"))
    return ok_all


if __name__ == "__main__":
    if sys.argv[1] == "make":
        d = sys.argv[2]
        os.makedirs(d, exist_ok=True)
        graphs(d)
        print(json.dumps({"images": images(d)}))
        configs(d)
    else:
        sys.exit(0 if check(sys.argv[2], sys.argv[3], sys.argv[4]) else 1)
