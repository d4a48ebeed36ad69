#!/usr/bin/env python3
"""Trains Tally's demo detector on a KITTI dataset exported by `tally dataset export` and exports ONNX.

The network has the DetectNet_v2 (TAO) layout, so the decoder that serves real TAO exports (PeopleNet,
TrafficCamNet) serves it too:

  input   `input_1`              float32 [N, 3, H, W], RGB, pixel value / 255 (no offsets)
  output  `output_cov/Sigmoid`   float32 [N, C, H/16, W/16], coverage (confidence) per class and grid cell
  output  `output_bbox/BiasAdd`  float32 [N, 4*C, H/16, W/16], channel 4*c+k = box field k of class c

Box decoding (exactly as nvinfer's built-in DetectNet_v2 parser; stride 16, bbox-norm 35.0, bbox-offset 0.5):

  for grid cell (row, col):  cx = col * 16 + 0.5,  cy = row * 16 + 0.5      (input pixels)
  x1 = cx - o[4c+0] * 35.0
  y1 = cy - o[4c+1] * 35.0
  x2 = cx + o[4c+2] * 35.0
  y2 = cy + o[4c+3] * 35.0
  score = cov[c]; boxes are in network-input pixels (scale by frame/input size to get frame pixels).

Classes (models/demo/labels.txt order): 0 forklift, 1 person, 2 pallet.

Training targets: a cell is positive for class c when its centre (cx, cy) lies in the central 40% (per axis)
of a box of class c, or it is the cell containing the box centre; a cell covered by several boxes of one
class takes the smallest. Coverage loss: binary cross-entropy; box loss: L1 on the four fields of positive
cells. Evaluation: coverage threshold, decode, per-class NMS (IoU 0.5), then AP at IoU 0.5 with all-point
interpolation over a held-out dataset.

Usage (GPU in minutes, CPU slowly):
  python3 tools/train_detector.py --train DIR --val DIR --epochs 60 --out OUTDIR
"""
import argparse
import glob
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

CLASSES = ["forklift", "person", "pallet"]
STRIDE = 16
BBOX_NORM = 35.0
BBOX_OFFSET = 0.5


def load_kitti(d, width, height):
    """Returns uint8 images [N, 3, H, W] and a list of float arrays [M, 5] (class, x1, y1, x2, y2)."""
    files = sorted(glob.glob(os.path.join(d, "images", "*")))
    imgs = np.zeros((len(files), 3, height, width), np.uint8)
    boxes = []
    for i, f in enumerate(files):
        im = Image.open(f).convert("RGB")
        if im.size != (width, height):
            raise SystemExit(f"{f}: image is {im.size}, expected {(width, height)}; export at the network size")
        imgs[i] = np.asarray(im).transpose(2, 0, 1)
        stem = os.path.splitext(os.path.basename(f))[0]
        rows = []
        with open(os.path.join(d, "labels", stem + ".txt")) as fh:
            for line in fh:
                t = line.split()
                if t:
                    rows.append([CLASSES.index(t[0]), float(t[4]), float(t[5]), float(t[6]), float(t[7])])
        boxes.append(np.array(rows, np.float32).reshape(-1, 5))
    return imgs, boxes


def pad_boxes(boxes):
    m = max(1, max(len(b) for b in boxes))
    out = np.full((len(boxes), m, 5), -1, np.float32)
    for i, b in enumerate(boxes):
        out[i, :len(b)] = b
    return out


def conv(cin, cout, stride=1, dil=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, dil, dilation=dil, bias=False),
                         nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class DemoNet(nn.Module):
    """Small stride-16 backbone (~0.3 GFLOP at 480x272) with DetectNet_v2 coverage and bbox heads."""

    def __init__(self, classes=len(CLASSES)):
        super().__init__()
        self.body = nn.Sequential(
            conv(3, 16, 2), conv(16, 24, 2), conv(24, 48, 2), conv(48, 48),
            conv(48, 64, 2), conv(64, 64, dil=2), conv(64, 64, dil=4))
        self.cov = nn.Conv2d(64, classes, 1)
        self.bbox = nn.Conv2d(64, 4 * classes, 1)

    def forward(self, x):
        f = self.body(x)
        return torch.sigmoid(self.cov(f)), self.bbox(f)

    def logits(self, x):
        f = self.body(x)
        return self.cov(f), self.bbox(f)


def cell_centres(h, w, device):
    cx = torch.arange(w, device=device, dtype=torch.float32) * STRIDE + BBOX_OFFSET
    cy = torch.arange(h, device=device, dtype=torch.float32) * STRIDE + BBOX_OFFSET
    return cx, cy


def targets(boxes, gh, gw, classes):
    """boxes [B, M, 5] (class -1 = padding) -> cov [B, C, gh, gw], bbox [B, 4C, gh, gw], mask [B, C, gh, gw]."""
    b, m, _ = boxes.shape
    dev = boxes.device
    cx, cy = cell_centres(gh, gw, dev)
    cls, x1, y1, x2, y2 = [boxes[..., i] for i in range(5)]
    bx, by = (x1 + x2) / 2, (y1 + y2) / 2
    hw, hh = (x2 - x1) * 0.2, (y2 - y1) * 0.2
    inx = (cx[None, None, :] >= (bx - hw)[..., None]) & (cx[None, None, :] <= (bx + hw)[..., None])  # B,M,W
    iny = (cy[None, None, :] >= (by - hh)[..., None]) & (cy[None, None, :] <= (by + hh)[..., None])  # B,M,H
    inside = iny[..., :, None] & inx[..., None, :]  # B,M,H,W
    ccol = torch.clamp(torch.floor((bx - BBOX_OFFSET) / STRIDE + 0.5).long(), 0, gw - 1)
    crow = torch.clamp(torch.floor((by - BBOX_OFFSET) / STRIDE + 0.5).long(), 0, gh - 1)
    centre = torch.zeros_like(inside)
    bi = torch.arange(b, device=dev)[:, None].expand(b, m)
    mi = torch.arange(m, device=dev)[None, :].expand(b, m)
    centre[bi, mi, crow, ccol] = True
    inside = (inside | centre) & (cls >= 0)[..., None, None]
    area = ((x2 - x1) * (y2 - y1))[..., None, None].expand_as(inside.float())
    cov = torch.zeros(b, classes, gh, gw, device=dev)
    bbox = torch.zeros(b, 4 * classes, gh, gw, device=dev)
    for c in range(classes):
        sel = inside & (cls == c)[..., None, None]
        a = torch.where(sel, area, torch.full_like(area, float("inf")))
        best = a.argmin(dim=1)  # B,H,W
        pos = sel.any(dim=1)
        cov[:, c] = pos.float()
        g = lambda t: torch.gather(t[..., None, None].expand(b, m, gh, gw), 1, best[:, None]).squeeze(1)
        bbox[:, 4 * c + 0] = (cx[None, None, :] - g(x1)) / BBOX_NORM
        bbox[:, 4 * c + 1] = (cy[None, :, None] - g(y1)) / BBOX_NORM
        bbox[:, 4 * c + 2] = (g(x2) - cx[None, None, :]) / BBOX_NORM
        bbox[:, 4 * c + 3] = (g(y2) - cy[None, :, None]) / BBOX_NORM
    return cov, bbox


def augment(x, boxes, width, height):
    """Random flips (a ceiling camera has no up or left), brightness/contrast jitter and noise, on the GPU."""
    b = x.shape[0]
    dev = x.device
    boxes = boxes.clone()
    valid = boxes[..., 0] >= 0
    fh = torch.rand(b, device=dev) < 0.5
    fv = torch.rand(b, device=dev) < 0.5
    x = torch.where(fh[:, None, None, None], x.flip(3), x)
    x = torch.where(fv[:, None, None, None], x.flip(2), x)
    x1, y1, x2, y2 = boxes[..., 1].clone(), boxes[..., 2].clone(), boxes[..., 3].clone(), boxes[..., 4].clone()
    boxes[..., 1] = torch.where(fh[:, None], width - x2, x1)
    boxes[..., 3] = torch.where(fh[:, None], width - x1, x2)
    boxes[..., 2] = torch.where(fv[:, None], height - y2, y1)
    boxes[..., 4] = torch.where(fv[:, None], height - y1, y2)
    boxes[~valid] = -1
    gain = 0.7 + 0.6 * torch.rand(b, 1, 1, 1, device=dev)
    bias = 0.08 * (torch.rand(b, 1, 1, 1, device=dev) - 0.5)
    chan = 1 + 0.1 * (torch.rand(b, 3, 1, 1, device=dev) - 0.5)
    x = x * gain * chan + bias + torch.randn_like(x) * 0.02 * torch.rand(b, 1, 1, 1, device=dev)
    return x.clamp(0, 1), boxes


def decode(cov, bbox, threshold, nms_iou=0.5, topk=100):
    """Per image: list of (class, score, x1, y1, x2, y2) in input pixels, after per-class NMS."""
    import torchvision
    n, c, gh, gw = cov.shape
    cx, cy = cell_centres(gh, gw, cov.device)
    out = []
    for i in range(n):
        dets = []
        for k in range(c):
            s = cov[i, k]
            keep = s > threshold
            if not keep.any():
                continue
            rows, cols = keep.nonzero(as_tuple=True)
            ccx, ccy = cx[cols], cy[rows]
            o = bbox[i, 4 * k:4 * k + 4, rows, cols]
            bx = torch.stack([ccx - o[0] * BBOX_NORM, ccy - o[1] * BBOX_NORM,
                              ccx + o[2] * BBOX_NORM, ccy + o[3] * BBOX_NORM], 1)
            sc = s[rows, cols]
            kept = torchvision.ops.nms(bx, sc, nms_iou)[:topk]
            for j in kept.tolist():
                dets.append((k, float(sc[j]), *[float(v) for v in bx[j]]))
        out.append(dets)
    return out


def iou(a, b):
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    u = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / u if u > 0 else 0.0


def average_precision(dets, gts, classes, iou_thr=0.5):
    """AP per class at IoU iou_thr, all-point interpolation (VOC 2010+ / TAO evaluate)."""
    aps = {}
    for c in range(classes):
        preds = [(d[1], i, d[2:]) for i, ds in enumerate(dets) for d in ds if d[0] == c]
        preds.sort(key=lambda p: -p[0])
        gt = {i: [g[1:] for g in gs if int(g[0]) == c] for i, gs in enumerate(gts)}
        used = {i: [False] * len(v) for i, v in gt.items()}
        npos = sum(len(v) for v in gt.values())
        tp, fp = [], []
        for score, i, box in preds:
            best, bj = 0.0, -1
            for j, g in enumerate(gt[i]):
                o = iou(box, g)
                if o > best:
                    best, bj = o, j
            if best >= iou_thr and not used[i][bj]:
                used[i][bj] = True
                tp.append(1)
                fp.append(0)
            else:
                tp.append(0)
                fp.append(1)
        if npos == 0:
            aps[CLASSES[c]] = float("nan")
            continue
        tp, fp = np.cumsum(tp), np.cumsum(fp)
        rec = tp / npos
        prec = tp / np.maximum(tp + fp, 1e-9)
        mrec = np.concatenate([[0.0], rec, [1.0]])
        mpre = np.concatenate([[0.0], prec, [0.0]])
        for k in range(len(mpre) - 2, -1, -1):
            mpre[k] = max(mpre[k], mpre[k + 1])
        idx = np.where(mrec[1:] != mrec[:-1])[0]
        aps[CLASSES[c]] = float(np.sum((mrec[idx + 1] - mrec[idx]) * mpre[idx + 1]))
    return aps


def evaluate(predict, imgs, boxes, dev, threshold):
    dets = []
    for s in range(0, len(imgs), 64):
        x = torch.from_numpy(imgs[s:s + 64]).to(dev).float() / 255.0
        cov, bbox = predict(x)
        dets += decode(torch.as_tensor(cov).to(dev), torch.as_tensor(bbox).to(dev), threshold)
    aps = average_precision(dets, [b.tolist() for b in boxes], len(CLASSES))
    return aps, float(np.nanmean(list(aps.values())))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--val", required=True)
    ap.add_argument("--width", type=int, default=480)
    ap.add_argument("--height", type=int, default=272)
    ap.add_argument("--epochs", type=int, default=60)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    np.random.seed(a.seed)
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    os.makedirs(a.out, exist_ok=True)
    t0 = time.time()
    tr_imgs, tr_boxes = load_kitti(a.train, a.width, a.height)
    va_imgs, va_boxes = load_kitti(a.val, a.width, a.height)
    print(f"train {len(tr_imgs)} images / {sum(len(b) for b in tr_boxes)} boxes, "
          f"val {len(va_imgs)} / {sum(len(b) for b in va_boxes)}; loaded in {time.time() - t0:.1f}s", flush=True)
    x_all = torch.from_numpy(tr_imgs).to(dev)
    b_all = torch.from_numpy(pad_boxes(tr_boxes)).to(dev)
    net = DemoNet().to(dev)
    opt = torch.optim.AdamW(net.parameters(), lr=a.lr, weight_decay=1e-4)
    steps_per_epoch = (len(tr_imgs) + a.batch - 1) // a.batch
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, a.lr, total_steps=a.epochs * steps_per_epoch, pct_start=0.1)
    gh, gw = a.height // STRIDE, a.width // STRIDE
    log = []
    for ep in range(a.epochs):
        net.train()
        perm = torch.randperm(len(tr_imgs), device=dev)
        tot = [0.0, 0.0]
        for s in range(steps_per_epoch):
            idx = perm[s * a.batch:(s + 1) * a.batch]
            x, bx = augment(x_all[idx].float() / 255.0, b_all[idx], a.width, a.height)
            cov_t, bbox_t = targets(bx, gh, gw, len(CLASSES))
            cov_l, bbox_p = net.logits(x)
            l_cov = F.binary_cross_entropy_with_logits(cov_l, cov_t, pos_weight=torch.tensor(3.0, device=dev))
            mask = cov_t.repeat_interleave(4, dim=1)
            l_box = (torch.abs(bbox_p - bbox_t) * mask).sum() / mask.sum().clamp(min=1)
            loss = l_cov + 1.0 * l_box
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            tot[0] += l_cov.item()
            tot[1] += l_box.item()
        msg = {"epoch": ep + 1, "cov_loss": tot[0] / steps_per_epoch, "bbox_loss": tot[1] / steps_per_epoch,
               "seconds": round(time.time() - t0, 1)}
        if (ep + 1) % 10 == 0 or ep + 1 == a.epochs:
            net.eval()
            with torch.no_grad():
                aps, m = evaluate(lambda x: net(x), va_imgs, va_boxes, dev, 0.1)
            msg.update({"val_map": round(m, 4), "val_ap": {k: round(v, 4) for k, v in aps.items()}})
        log.append(msg)
        print(json.dumps(msg), flush=True)
    net.eval().cpu()
    torch.save(net.state_dict(), os.path.join(a.out, "tally-demo.pt"))
    onnx_path = os.path.join(a.out, "tally-demo.onnx")
    dummy = torch.zeros(1, 3, a.height, a.width)
    kw = dict(input_names=["input_1"], output_names=["output_cov/Sigmoid", "output_bbox/BiasAdd"],
              dynamic_axes={"input_1": {0: "batch"}, "output_cov/Sigmoid": {0: "batch"},
                            "output_bbox/BiasAdd": {0: "batch"}}, opset_version=17)
    try:
        torch.onnx.export(net, dummy, onnx_path, dynamo=False, **kw)
    except TypeError:
        torch.onnx.export(net, dummy, onnx_path, **kw)
    with open(os.path.join(a.out, "train_log.json"), "w") as fh:
        json.dump(log, fh, indent=1)
    print(f"exported {onnx_path} ({os.path.getsize(onnx_path)} bytes) after {time.time() - t0:.1f}s", flush=True)
    onnx_check(onnx_path, net, va_imgs, va_boxes, a.out)


def onnx_check(path, net, imgs, boxes, out):
    """Runs the exported model with ONNX Runtime (CPU): same outputs as PyTorch, AP, 1-thread latency."""
    try:
        import onnxruntime as ort
    except ImportError:
        print("onnxruntime not installed: skipping the ONNX check", flush=True)
        return
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    names = [o.name for o in sess.get_outputs()]
    print("onnx inputs", [(i.name, i.shape) for i in sess.get_inputs()], "outputs",
          [(o.name, o.shape) for o in sess.get_outputs()], flush=True)
    x = imgs[:4].astype(np.float32) / 255.0
    cov, bbox = sess.run(names, {"input_1": x})
    with torch.no_grad():
        tc, tb = net(torch.from_numpy(x))
    print("max |onnx - torch|: cov %.2e bbox %.2e" % (np.abs(cov - tc.numpy()).max(), np.abs(bbox - tb.numpy()).max()))

    def predict(xb):
        c, b = sess.run(names, {"input_1": xb.cpu().numpy()})
        return torch.from_numpy(c), torch.from_numpy(b)

    result = {}
    for thr in (0.1, 0.4):
        aps, m = evaluate(predict, imgs, boxes, "cpu", thr)
        result[f"threshold_{thr}"] = {"map": m, "ap": aps}
        print(f"ONNX Runtime AP@0.5 (coverage threshold {thr}, NMS IoU 0.5): mAP {m:.4f} {aps}", flush=True)
    one = imgs[:1].astype(np.float32) / 255.0
    for _ in range(10):
        sess.run(names, {"input_1": one})
    ts = []
    for _ in range(50):
        t = time.perf_counter()
        sess.run(names, {"input_1": one})
        ts.append((time.perf_counter() - t) * 1000)
    result["latency_ms_1thread_median"] = float(np.median(ts))
    print(f"ONNX Runtime 1-thread latency on the GPU host's CPU: median {np.median(ts):.2f} ms", flush=True)
    with open(os.path.join(out, "onnx_eval.json"), "w") as fh:
        json.dump(result, fh, indent=1)


if __name__ == "__main__":
    main()
