;; Code kernel (see code-kernel.ts): integer dot products of an i16 query with rows of i8 codes
;; (scalar-quantised vectors). Each step covers 16 dimensions: 16 code bytes of the row, widened to i16,
;; against 32 bytes of the query, in two i32x4.dot_i16x8_s (8 multiply-adds each).
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; out[i] (i32) = Σ query[d]·code[i][d] for `count` consecutive code rows of `steps` × 16 bytes.
  (func (export "codeDots")
    (param $query i32) (param $codes i32) (param $count i32) (param $steps i32) (param $out i32)
    (local $step i32) (local $queryAt i32) (local $sum0 v128) (local $sum1 v128)
    (block $done
      (loop $nextRow
        (br_if $done (i32.eqz (local.get $count)))
        (local.set $sum0 (v128.const i32x4 0 0 0 0))
        (local.set $sum1 (v128.const i32x4 0 0 0 0))
        (local.set $queryAt (local.get $query))
        (local.set $step (local.get $steps))
        (loop $nextStep
          (local.set $sum0 (i32x4.add (local.get $sum0)
            (i32x4.dot_i16x8_s (v128.load (local.get $queryAt)) (v128.load8x8_s (local.get $codes)))))
          (local.set $sum1 (i32x4.add (local.get $sum1)
            (i32x4.dot_i16x8_s
              (v128.load offset=16 (local.get $queryAt)) (v128.load8x8_s offset=8 (local.get $codes)))))
          (local.set $queryAt (i32.add (local.get $queryAt) (i32.const 32)))
          (local.set $codes (i32.add (local.get $codes) (i32.const 16)))
          (br_if $nextStep (local.tee $step (i32.sub (local.get $step) (i32.const 1)))))
        (local.set $sum0 (i32x4.add (local.get $sum0) (local.get $sum1)))
        (i32.store (local.get $out) (i32.add
          (i32.add (i32x4.extract_lane 0 (local.get $sum0)) (i32x4.extract_lane 1 (local.get $sum0)))
          (i32.add (i32x4.extract_lane 2 (local.get $sum0)) (i32x4.extract_lane 3 (local.get $sum0)))))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $nextRow)))))
