;; Quantize kernel (see quantize-kernel.ts and scalar-quantizer.ts): scalar quantisation of one f32 row to
;; i8 codes, per dimension d:
;;   code[d] = trunc(clamp((x[d] − offset[d]) · inverseScale[d] + 128.5, 0, 255)) − 128
;; and the squared norm of the decoded row, Σ (offset[d] + scale[d] · code[d])². `offsets`,
;; `inverseScales` and `scales` are f32 rows, 0 beyond the dimension, so padding encodes to 0.
;; Each step encodes 16 dimensions: four f32x4 (written out, one after the other) narrowed into one i8x16.
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; Writes the codes of the row at `source` to `codes` (`steps` × 16 bytes); returns the decoded |x̂|².
  (func (export "encodeRow")
    (param $source i32) (param $codes i32) (param $offsets i32) (param $inverseScales i32)
    (param $scales i32) (param $steps i32) (result f32)
    (local $half v128) (local $top v128) (local $bias v128) (local $norm v128)
    (local $code0 v128) (local $code1 v128) (local $code2 v128) (local $code3 v128) (local $decoded v128)
    (local.set $half (f32x4.splat (f32.const 128.5)))
    (local.set $top (f32x4.splat (f32.const 255)))
    (local.set $bias (i32x4.splat (i32.const 128)))
    (loop $nextStep
      ;; dimensions 0-3
      (local.set $code0 (i32x4.sub
        (i32x4.trunc_sat_f32x4_s (f32x4.min
          (f32x4.max
            (f32x4.add
              (f32x4.mul
                (f32x4.sub (v128.load (local.get $source)) (v128.load (local.get $offsets)))
                (v128.load (local.get $inverseScales)))
              (local.get $half))
            (v128.const i32x4 0 0 0 0))
          (local.get $top)))
        (local.get $bias)))
      (local.set $decoded (f32x4.add
        (f32x4.mul (f32x4.convert_i32x4_s (local.get $code0)) (v128.load (local.get $scales)))
        (v128.load (local.get $offsets))))
      (local.set $norm (f32x4.add (f32x4.mul (local.get $decoded) (local.get $decoded)) (local.get $norm)))
      ;; dimensions 4-7
      (local.set $code1 (i32x4.sub
        (i32x4.trunc_sat_f32x4_s (f32x4.min
          (f32x4.max
            (f32x4.add
              (f32x4.mul
                (f32x4.sub (v128.load offset=16 (local.get $source)) (v128.load offset=16 (local.get $offsets)))
                (v128.load offset=16 (local.get $inverseScales)))
              (local.get $half))
            (v128.const i32x4 0 0 0 0))
          (local.get $top)))
        (local.get $bias)))
      (local.set $decoded (f32x4.add
        (f32x4.mul (f32x4.convert_i32x4_s (local.get $code1)) (v128.load offset=16 (local.get $scales)))
        (v128.load offset=16 (local.get $offsets))))
      (local.set $norm (f32x4.add (f32x4.mul (local.get $decoded) (local.get $decoded)) (local.get $norm)))
      ;; dimensions 8-11
      (local.set $code2 (i32x4.sub
        (i32x4.trunc_sat_f32x4_s (f32x4.min
          (f32x4.max
            (f32x4.add
              (f32x4.mul
                (f32x4.sub (v128.load offset=32 (local.get $source)) (v128.load offset=32 (local.get $offsets)))
                (v128.load offset=32 (local.get $inverseScales)))
              (local.get $half))
            (v128.const i32x4 0 0 0 0))
          (local.get $top)))
        (local.get $bias)))
      (local.set $decoded (f32x4.add
        (f32x4.mul (f32x4.convert_i32x4_s (local.get $code2)) (v128.load offset=32 (local.get $scales)))
        (v128.load offset=32 (local.get $offsets))))
      (local.set $norm (f32x4.add (f32x4.mul (local.get $decoded) (local.get $decoded)) (local.get $norm)))
      ;; dimensions 12-15
      (local.set $code3 (i32x4.sub
        (i32x4.trunc_sat_f32x4_s (f32x4.min
          (f32x4.max
            (f32x4.add
              (f32x4.mul
                (f32x4.sub (v128.load offset=48 (local.get $source)) (v128.load offset=48 (local.get $offsets)))
                (v128.load offset=48 (local.get $inverseScales)))
              (local.get $half))
            (v128.const i32x4 0 0 0 0))
          (local.get $top)))
        (local.get $bias)))
      (local.set $decoded (f32x4.add
        (f32x4.mul (f32x4.convert_i32x4_s (local.get $code3)) (v128.load offset=48 (local.get $scales)))
        (v128.load offset=48 (local.get $offsets))))
      (local.set $norm (f32x4.add (f32x4.mul (local.get $decoded) (local.get $decoded)) (local.get $norm)))
      ;; i32 lanes → i16 → i8 (saturating; the codes are already in −128..127)
      (v128.store (local.get $codes) (i8x16.narrow_i16x8_s
        (i16x8.narrow_i32x4_s (local.get $code0) (local.get $code1))
        (i16x8.narrow_i32x4_s (local.get $code2) (local.get $code3))))
      (local.set $source (i32.add (local.get $source) (i32.const 64)))
      (local.set $offsets (i32.add (local.get $offsets) (i32.const 64)))
      (local.set $inverseScales (i32.add (local.get $inverseScales) (i32.const 64)))
      (local.set $scales (i32.add (local.get $scales) (i32.const 64)))
      (local.set $codes (i32.add (local.get $codes) (i32.const 16)))
      (br_if $nextStep (local.tee $steps (i32.sub (local.get $steps) (i32.const 1)))))
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $norm)) (f32x4.extract_lane 1 (local.get $norm)))
      (f32.add (f32x4.extract_lane 2 (local.get $norm)) (f32x4.extract_lane 3 (local.get $norm))))))
